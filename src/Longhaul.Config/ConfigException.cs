namespace Longhaul.Config;

/// <summary>
/// A configuration file that cannot be used. Carries every problem found, in file order, so one run of the
/// validator tells the operator everything to fix; a file with any error is never partly applied.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public ConfigException()
        : this([])
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Errors = [new ConfigError(string.Empty, 0, string.Empty, message)];
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigError(string.Empty, 0, string.Empty, message)];
    }

    public IReadOnlyList<ConfigError> Errors { get; } = [];

    private static string FormatMessage(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "invalid configuration",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} configuration errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
        };
    }
}
