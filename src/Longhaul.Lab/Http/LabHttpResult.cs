namespace Longhaul.Lab.Http;

/// <summary>One HTTP exchange as the lab's client saw it. <see cref="Error"/> is set when there was no complete answer.</summary>
/// <param name="LocalPort">The client's source port: with the 5-tuple it says which real the director should have picked.</param>
/// <param name="BytesReceived">Everything read from the socket, head included.</param>
/// <param name="Body">The body as text, at most the first 4 KiB.</param>
public sealed record LabHttpResult(
    int StatusCode,
    string? Real,
    string? DataCenter,
    long BodyLength,
    long BytesReceived,
    string Body,
    int LocalPort,
    TimeSpan Elapsed,
    string? Error)
{
    public bool Ok => Error is null && StatusCode == 200;
}
