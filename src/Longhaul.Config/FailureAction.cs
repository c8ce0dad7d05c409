namespace Longhaul.Config;

/// <summary>What happens to a real whose check fails.</summary>
public enum FailureAction
{
    /// <summary>Weight 0: no new flows, established ones stay (keepalived inhibit_on_failure).</summary>
    Inhibit,

    /// <summary>Taken out: its flows are rescheduled to the other reals on their next packet.</summary>
    Remove,
}
