using Longhaul.Balancing.Model;

namespace Longhaul.Config;

/// <summary>
/// A validated director configuration: the runtime settings and the <see cref="BalancerDefinition"/> the
/// forwarding snapshot is compiled from. Only <see cref="Load"/> and <see cref="Parse"/> make one, and they
/// either return a complete configuration or throw <see cref="ConfigException"/> with every error.
/// </summary>
public sealed record DirectorConfig(DirectorSettings Director, BalancerDefinition Balancer, string Source)
{
    /// <summary>Per service: health check, quorum, sorry server (what the forwarding definition does not carry).</summary>
    public IReadOnlyDictionary<ServiceKey, ServiceSettings> ServiceSettings { get; init; } = new Dictionary<ServiceKey, ServiceSettings>();

    /// <summary>Where runtime changes are written back: the state file when configured, else the file itself.</summary>
    public string StatePath => Director.StateFile ?? Source;

    /// <summary>The settings of a service, or the defaults when it has none recorded.</summary>
    public ServiceSettings SettingsFor(ServiceKey key) =>
        ServiceSettings.TryGetValue(key, out ServiceSettings? settings) ? settings : Config.ServiceSettings.Default;

    /// <summary>Reads and validates <paramref name="path"/>. Errors name the path as given.</summary>
    public static DirectorConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read: {e.Message}";
            throw new ConfigException([new ConfigError(path, 0, string.Empty, reason)]);
        }

        return Parse(text, path);
    }

    /// <summary>Validates YAML <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static DirectorConfig Parse(string text, string source = "config")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        return DirectorConfigReader.Read(text, source);
    }
}
