"""The official OpenAI Python SDK as a real client of /v1 (run by OpenAiSdkTest against the app).

Env: CHATBOT_BASE_URL (the app), CHATBOT_API_KEY (a key of the auth Secret's api-keys),
CHATBOT_LEGACY_KEY (the older Bearer form "user:password" of the users file).
"""
import os

import openai
import pytest

BASE = os.environ["CHATBOT_BASE_URL"] + "/v1"
KEY = os.environ["CHATBOT_API_KEY"]
USER = [{"role": "user", "content": "What is in my documents?"}]


@pytest.fixture
def client():
    return openai.OpenAI(base_url=BASE, api_key=KEY, max_retries=0, timeout=30)


def test_models_list_names_the_bot(client):
    assert [m.id for m in client.models.list()] == ["chatbot"]


def test_plain_completion_has_content_finish_reason_usage_and_citations(client):
    completion = client.chat.completions.create(model="chatbot", messages=USER)
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == "plain answer"
    assert choice.finish_reason == "length"  # what the fake model said, not a constant "stop"
    assert completion.usage.prompt_tokens == 7
    assert completion.usage.completion_tokens == 2
    assert completion.usage.total_tokens == 9
    assert isinstance(completion.model_extra["citations"], list)


def test_stream_delivers_tokens_finish_reason_and_usage_chunk(client):
    chunks = list(client.chat.completions.create(
        model="chatbot", messages=USER, stream=True, stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "t0 t1 t2 "
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    usage = [c.usage for c in chunks if c.usage]
    assert len(usage) == 1 and usage[0].completion_tokens == 3
    assert chunks[-1].choices == []


def test_stream_without_include_usage_sends_no_usage_chunk(client):
    chunks = list(client.chat.completions.create(model="chatbot", messages=USER, stream=True))
    assert not [c for c in chunks if c.usage]


def test_content_part_arrays_and_system_and_developer_messages_are_accepted(client):
    completion = client.chat.completions.create(model="chatbot", messages=[
        {"role": "system", "content": "Answer in French."},
        {"role": "developer", "content": [{"type": "text", "text": "Be brief."}]},
        {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "there"}]},
    ])
    assert completion.choices[0].message.content == "plain answer"


def test_image_part_is_refused_with_the_openai_envelope(client):
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="chatbot", messages=[{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "https://example.invalid/a.png"}}]}])
    assert refused.value.status_code == 400
    assert refused.value.code == "invalid_messages"
    assert refused.value.type == "invalid_request_error"
    assert refused.value.param == "messages[0].content[0].type"
    assert "only text parts" in refused.value.message


def test_empty_messages_are_a_bad_request_naming_the_param(client):
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="chatbot", messages=[])
    assert refused.value.param == "messages"
    assert refused.value.body["message"] == "messages must be a non-empty array"


@pytest.mark.parametrize("key", ["alice:wrong", "sk-not-one-of-the-keys-0000", KEY[:-1]])
def test_wrong_api_key_is_an_authentication_error(key):
    bad = openai.OpenAI(base_url=BASE, api_key=key, max_retries=0)
    with pytest.raises(openai.AuthenticationError) as refused:
        bad.models.list()
    assert refused.value.code == "unauthorized"


def test_user_password_of_the_users_file_still_works_as_a_bearer_key():
    legacy = openai.OpenAI(base_url=BASE, api_key=os.environ["CHATBOT_LEGACY_KEY"], max_retries=0)
    assert [m.id for m in legacy.models.list()] == ["chatbot"]


def test_streamed_model_failure_raises_an_api_error(client):
    # The app sends the OpenAI error envelope as a stream event; the SDK raises it.
    with pytest.raises(openai.APIError) as failed:
        list(client.chat.completions.create(
            model="chatbot", stream=True,
            messages=[{"role": "user", "content": "please fail upstream"}]))
    assert "model" in str(failed.value)
