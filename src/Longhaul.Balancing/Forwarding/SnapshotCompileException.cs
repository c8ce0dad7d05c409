namespace Longhaul.Balancing.Forwarding;

/// <summary>A definition that cannot become a snapshot. Carries every problem found, not only the first.</summary>
public sealed class SnapshotCompileException : Exception
{
    public SnapshotCompileException(IReadOnlyList<string> errors)
        : base("invalid balancer definition:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    public SnapshotCompileException()
        : this([])
    {
    }

    public SnapshotCompileException(string message)
        : this([message])
    {
    }

    public SnapshotCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
