namespace Longhaul.Director.Metrics;

/// <summary>Prometheus metric types Longhaul exposes.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
}
