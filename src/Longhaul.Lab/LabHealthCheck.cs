using System.Globalization;
using System.Text;

namespace Longhaul.Lab;

/// <summary>
/// The health-check block (plus quorum and sorry server) the lab writes into every service of the director's
/// YAML. Off (null in <see cref="LabOptions.HealthCheck"/>) unless a test asks, so the other labs are unchanged.
/// </summary>
/// <param name="Kind">tunnel, tcp, http, https or exec (see docs/health-checks.md).</param>
/// <param name="SorryServer">An address used when the service is below <paramref name="Quorum"/>.</param>
public sealed record LabHealthCheck(
    string Kind,
    double IntervalSeconds = 1,
    double TimeoutSeconds = 1,
    int Rise = 2,
    int Fall = 2,
    string OnFailure = "inhibit",
    int? Quorum = null,
    string? SorryServer = null)
{
    /// <summary>The YAML lines under one service entry, indented for <see cref="DirectorConfigWriter"/>.</summary>
    public void AppendYaml(StringBuilder yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var c = CultureInfo.InvariantCulture;
        yaml.AppendLine("    health-check:");
        yaml.AppendLine(c, $"      kind: {Kind}");
        yaml.AppendLine(c, $"      interval: {IntervalSeconds}");
        yaml.AppendLine(c, $"      timeout: {TimeoutSeconds}");
        yaml.AppendLine(c, $"      rise: {Rise}");
        yaml.AppendLine(c, $"      fall: {Fall}");
        // No jitter: the tests measure how fast a real goes down and up.
        yaml.AppendLine("      jitter: 0");
        yaml.AppendLine(c, $"      on-failure: {OnFailure}");
        if (Quorum is { } quorum)
        {
            yaml.AppendLine(c, $"    quorum: {quorum}");
        }

        if (SorryServer is { } sorry)
        {
            yaml.AppendLine(c, $"    sorry-server: {sorry}");
        }
    }
}
