-- Argo CD health check for chatbot.dev/ChatbotDeployment (see docs/argocd.md).
-- The operator writes only status, never spec; this maps status.phase and the
-- Ready / Progressing / RolledBack conditions to Argo CD health.
-- Lua 5.1 subset (Argo CD runs it in gopher-lua); keep manifests/argocd/argocd-cm-health.yaml in sync.
local hs = {}

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

-- The message of the first condition (by type) that has one, else the fallback.
local function messageOf(status, types, fallback)
  for _, t in ipairs(types) do
    local c = condition(status, t)
    if c ~= nil and c.message ~= nil and c.message ~= "" then
      return c.message
    end
  end
  return fallback
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local status = obj.status

-- The status must describe the spec Argo CD just applied, not an older one.
if status == nil or status.observedGeneration == nil
    or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  if generation ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. string.format("%d", generation)
  else
    hs.message = "Waiting for the operator to observe the resource"
  end
  return hs
end

local phase = status.phase

if phase == "Ready" then
  local ready = condition(status, "Ready")
  if ready ~= nil and ready.status == "True" then
    hs.status = "Healthy"
    hs.message = messageOf(status, {"Ready"}, "Ready")
  else
    -- Only seen between two status writes; the next reconcile settles it.
    hs.status = "Progressing"
    hs.message = messageOf(status, {"Ready", "Progressing"}, "Waiting for condition Ready=True")
  end
  return hs
end

if phase == "Pending" or phase == "Progressing" then
  hs.status = "Progressing"
  hs.message = messageOf(status, {"Progressing", "Ready"}, "Phase " .. phase)
  return hs
end

if phase == "RolledBack" then
  -- The known-good revision serves, but it is not what the spec (Git) asks for.
  hs.status = "Degraded"
  hs.message = messageOf(status, {"RolledBack", "Ready"}, "Rolled back to the last known-good revision")
  return hs
end

if phase == "Failed" or phase == "Degraded" then
  -- Includes an invalid spec (reason InvalidSpec), a missing Secret, a failed first rollout.
  hs.status = "Degraded"
  hs.message = messageOf(status, {"Ready", "Degraded"}, "Phase " .. phase)
  return hs
end

if phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report a phase"
  return hs
end

hs.status = "Unknown"
hs.message = "Unknown phase " .. tostring(phase)
return hs
