namespace Longhaul.Config.Yaml;

/// <summary>Collects every error of one file; reading goes on after an error so the operator sees them all.</summary>
internal sealed class ConfigErrors(string file)
{
    private readonly List<ConfigError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public void Add(int line, string key, string message) => _errors.Add(new ConfigError(File, line, key, message));

    /// <summary>Throws when anything was collected, errors in file order.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            // Stable sort: errors on one line keep the order they were found in.
            throw new ConfigException([.. _errors.OrderBy(e => e.Line)]);
        }
    }
}
