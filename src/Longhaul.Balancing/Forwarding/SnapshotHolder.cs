namespace Longhaul.Balancing.Forwarding;

/// <summary>
/// Where the control plane publishes and workers read the current snapshot. Workers read it once per
/// batch, so a batch never sees two configurations.
/// </summary>
public sealed class SnapshotHolder(ForwardingSnapshot initial)
{
    private volatile ForwardingSnapshot _current = initial;

    public ForwardingSnapshot Current => _current;

    public void Publish(ForwardingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = snapshot;
    }
}
