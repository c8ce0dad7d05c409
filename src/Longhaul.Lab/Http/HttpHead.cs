using System.Globalization;
using System.Text;

namespace Longhaul.Lab.Http;

/// <summary>
/// The start line and the few headers the lab's HTTP/1.1 server and client care about, parsed from one head
/// (everything up to the blank line). Not a general HTTP parser: the lab talks only to itself, curl and wrk.
/// </summary>
internal sealed class HttpHead
{
    private static ReadOnlySpan<byte> Terminator => "\r\n\r\n"u8;

    private HttpHead(string startLine, Dictionary<string, string> headers)
    {
        StartLine = startLine;
        Headers = headers;
    }

    /// <summary>"GET /path HTTP/1.1" or "HTTP/1.1 200 OK".</summary>
    public string StartLine { get; }

    public Dictionary<string, string> Headers { get; }

    public long? ContentLength =>
        Headers.TryGetValue("content-length", out string? value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long length)
            ? length
            : null;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Index just past the head's blank line in <paramref name="buffer"/>, or -1 if it has not all arrived.</summary>
    public static int FindEnd(ReadOnlySpan<byte> buffer)
    {
        int at = buffer.IndexOf(Terminator);
        return at < 0 ? -1 : at + Terminator.Length;
    }

    public static HttpHead Parse(ReadOnlySpan<byte> head)
    {
        string text = Encoding.Latin1.GetString(head);
        string[] lines = text.Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        return new HttpHead(lines[0], headers);
    }
}
