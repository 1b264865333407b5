namespace Mailkit.Reports.Tests;

/// <summary>A request a <see cref="ScriptedHandler"/> received, with the body it carried.</summary>
internal sealed record RecordedRequest(HttpRequestMessage Message, string Body)
{
    public HttpMethod Method => Message.Method;

    public string Uri => Message.RequestUri!.ToString();

    public string? MediaType => Message.Content?.Headers.ContentType?.MediaType;
}
