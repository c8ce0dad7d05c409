namespace Longhaul.Director.Control;

/// <summary>A request the control plane refuses (unknown service, invalid edit...): its message goes back to the operator as is.</summary>
public sealed class AdminException : Exception
{
    public AdminException()
    {
    }

    public AdminException(string message)
        : base(message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
