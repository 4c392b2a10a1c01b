"use strict";
// Plain browser JS, no CDN: the UI must work in an offline cluster.
(() => {
  const $ = (id) => document.getElementById(id);
  let conversationId = null;

  function setStatus(text) { $("status").textContent = text || ""; }

  function addMessage(role, text) {
    const div = document.createElement("div");
    div.className = "msg " + role;
    div.textContent = text;
    $("messages").appendChild(div);
    $("messages").scrollTop = $("messages").scrollHeight;
    return div;
  }

  function showCitations(div, citations) {
    if (!citations || citations.length === 0) return;
    const c = document.createElement("div");
    c.className = "citations";
    c.textContent = "Sources: " + citations.map((x, i) => "[" + (i + 1) + "] " + x.name).join("  ");
    div.appendChild(c);
  }

  async function errorText(response) {
    try { const body = await response.json(); return body.message || body.error; }
    catch (e) { return "HTTP " + response.status; }
  }

  // Reads server-sent events from a fetch body (EventSource cannot POST).
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message", data = "";
        for (const line of frame.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data += line.slice(5).trim();
        }
        if (data) onEvent(event, JSON.parse(data));
      }
    }
  }

  async function send(message) {
    addMessage("user", message);
    const answer = addMessage("assistant", "");
    $("send").disabled = true;
    setStatus("Thinking...");
    try {
      const response = await fetch("api/chat/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message, conversationId }),
      });
      if (!response.ok) throw new Error(await errorText(response));
      await readEvents(response, (event, data) => {
        if (event === "token") answer.textContent += data.text;
        else if (event === "done") {
          answer.textContent = data.answer;
          conversationId = data.conversationId;
          showCitations(answer, data.citations);
          $("export").disabled = false;
        } else if (event === "error") throw new Error(data.message);
      });
      setStatus("");
    } catch (e) {
      answer.className = "msg error";
      answer.textContent = "Error: " + e.message;
      setStatus("");
    } finally {
      $("send").disabled = false;
    }
  }

  async function loadDocuments() {
    const response = await fetch("api/documents");
    if (!response.ok) { setStatus(await errorText(response)); return; }
    const { documents } = await response.json();
    const list = $("document-list");
    list.replaceChildren();
    for (const doc of documents) {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = doc.name;
      const del = document.createElement("button");
      del.textContent = "Delete";
      del.onclick = async () => {
        const r = await fetch("api/documents/" + encodeURIComponent(doc.id), { method: "DELETE" });
        setStatus(r.ok ? "Deleted " + doc.name : await errorText(r));
        loadDocuments();
      };
      li.append(name, del);
      list.appendChild(li);
    }
  }

  $("chat-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const message = $("message").value.trim();
    if (!message) return;
    $("message").value = "";
    send(message);
  });

  $("message").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("chat-form").requestSubmit(); }
  });

  $("upload-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = $("file").files[0];
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    setStatus("Uploading " + file.name + "...");
    const response = await fetch("api/documents", { method: "POST", body: form });
    setStatus(response.ok ? "Uploaded " + file.name : await errorText(response));
    $("file").value = "";
    loadDocuments();
  });

  $("export").addEventListener("click", async () => {
    if (!conversationId) return;
    const r = await fetch("api/conversations/" + encodeURIComponent(conversationId) + "/export", { method: "POST" });
    setStatus(r.ok ? "Exported: " + (await r.json()).files.join(", ") : await errorText(r));
  });

  $("new-conversation").addEventListener("click", () => {
    conversationId = null;
    $("messages").replaceChildren();
    $("export").disabled = true;
  });

  loadDocuments();
})();
