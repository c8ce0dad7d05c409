namespace Longhaul.Linux;

/// <summary>An `ip` (iproute2) invocation failed; the message holds the command line and ip's own stderr.</summary>
public sealed class IpCommandException : Exception
{
    public IpCommandException()
    {
    }

    public IpCommandException(string message)
        : base(message)
    {
    }

    public IpCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IpCommandException(IReadOnlyList<string> arguments, int exitCode, string standardError)
        : base(FormatMessage(arguments, exitCode, standardError))
    {
        Arguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The arguments after "ip".</summary>
    public IReadOnlyList<string> Arguments { get; } = [];

    /// <summary>ip's exit code, or -1 when it timed out or could not be started.</summary>
    public int ExitCode { get; }

    public string StandardError { get; } = string.Empty;

    /// <summary>"ip route add 203.0.113.0/24 dev lh0 failed (exit 2): RTNETLINK answers: File exists".</summary>
    internal static string FormatMessage(IReadOnlyList<string> arguments, int exitCode, string standardError)
    {
        string commandLine = "ip " + string.Join(' ', arguments.Select(Quote));
        string detail = string.IsNullOrWhiteSpace(standardError) ? "(no error output)" : standardError.Trim();
        return $"{commandLine} failed (exit {exitCode}): {detail}";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? argument : $"'{argument}'";
}
