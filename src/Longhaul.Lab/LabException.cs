namespace Longhaul.Lab;

/// <summary>The lab could not do what was asked; the message says what and, where known, how to fix it.</summary>
public sealed class LabException : Exception
{
    public LabException()
    {
    }

    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
