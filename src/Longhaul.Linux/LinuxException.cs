namespace Longhaul.Linux;

/// <summary>
/// A system call failed while setting something up. The message says what was being done, the errno by name
/// and, where a common cause is known, a hint: "opening /dev/net/tun for 'lh-dir0': EPERM (Operation not
/// permitted; are you root?)". Never thrown from per-packet methods, which return -errno instead.
/// </summary>
public sealed class LinuxException : Exception
{
    public LinuxException()
    {
        Operation = string.Empty;
    }

    public LinuxException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public LinuxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public LinuxException(Errno errno, string operation, string? hint = null)
        : base(FormatMessage(errno, operation, hint))
    {
        Errno = errno;
        Operation = operation;
    }

    public Errno Errno { get; }

    /// <summary>What was being done, e.g. "opening /dev/net/tun for 'lh-dir0'".</summary>
    public string Operation { get; }

    /// <summary>Builds the exception from a hot-path style result (-errno).</summary>
    public static LinuxException FromResult(int result, string operation, string? hint = null) =>
        new(ErrnoExtensions.FromResult(result), operation, hint);

    internal static string FormatMessage(Errno errno, string operation, string? hint)
    {
        string described = errno.Describe();
        hint ??= DefaultHint(errno);

        // "EPERM (Operation not permitted)" + "; are you root?" inside the parentheses.
        if (hint is not null && described.EndsWith(')'))
        {
            described = $"{described[..^1]}; {hint})";
        }

        return $"{operation}: {described}";
    }

    private static string? DefaultHint(Errno errno) => errno switch
    {
        Errno.EPERM or Errno.EACCES => "are you root?",
        _ => null,
    };
}
