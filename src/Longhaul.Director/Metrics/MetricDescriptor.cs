namespace Longhaul.Director.Metrics;

/// <summary>
/// One metric: its dotted name as used in code and docs (<c>longhaul.director.real.packets</c>), its unit and
/// help text. <see cref="PrometheusName"/> is the exposed form (<c>longhaul_director_real_packets_total</c>).
/// </summary>
public sealed record MetricDescriptor(string Name, MetricKind Kind, string Unit, string Help)
{
    public string PrometheusName
    {
        get
        {
            string name = Name.Replace('.', '_').Replace('-', '_');
            if (Unit == "bytes" && !name.EndsWith("_bytes", StringComparison.Ordinal))
            {
                name += "_bytes";
            }

            return Kind == MetricKind.Counter ? name + "_total" : name;
        }
    }
}
