using Longhaul.Config;

namespace Longhaul.Health;

/// <summary>The monitor's mutable record of one target (guarded by the monitor's lock); kept across reconfigurations while the check is unchanged.</summary>
internal sealed class TargetState(HealthTarget target, DateTimeOffset since)
{
    public HealthTarget Target { get; set; } = target;

    public RiseFallCounter Counter { get; } = new();

    public DateTimeOffset Since { get; set; } = since;

    public string LastDetail { get; set; } = "not checked yet";

    public bool LastSucceeded { get; set; }

    public bool Probed { get; set; }

    public long Checks { get; set; }

    public long Failures { get; set; }

    public long Transitions { get; set; }

    public RealHealth ToView() => new(
        Counter.Status, Target.Check.Kind, Since, LastDetail, LastSucceeded, Checks, Failures, Transitions);

    /// <summary>Whether a new plan's target is the same check, so its state carries over.</summary>
    public bool SameCheck(HealthTarget other) => Target.Check == other.Check && Target.Port == other.Port;

    public bool IsTunnel => Target.Check.Kind == HealthCheckKind.Tunnel;
}
