namespace Longhaul.Balancing.Model;

/// <summary>Administrative and health state of a real server.</summary>
public enum RealState
{
    /// <summary>Takes new flows in proportion to its weight.</summary>
    Active,

    /// <summary>Keeps its established flows, takes no new ones (IPVS weight 0, keepalived inhibit_on_failure).</summary>
    Draining,

    /// <summary>Failed: its flows are rescheduled to other reals on their next packet.</summary>
    Down,
}
