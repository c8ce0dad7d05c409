namespace Longhaul.Director.Control;

/// <summary>ctl could not talk to the director: not running, wrong socket, or not root.</summary>
public sealed class AdminUnreachableException : Exception
{
    public AdminUnreachableException()
    {
    }

    public AdminUnreachableException(string message)
        : base(message)
    {
    }

    public AdminUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
