using Longhaul.Balancing.Forwarding;
using Longhaul.Packets;

namespace Longhaul.Balancing.Benchmarking;

/// <summary>
/// What the dictionary baselines know of the deployment: the VIP's service and one prebuilt set of tunnel
/// parameters per real, indexed like the scheduler's list.
/// </summary>
internal sealed class NaiveTunnels
{
    public NaiveTunnels(ForwardingSnapshot snapshot)
    {
        Service = snapshot.Services[0];
        CompiledReal[] reals = Service.SchedulerOrder;
        Parameters = new TunnelParameters[reals.Length];
        for (int i = 0; i < reals.Length; i++)
        {
            Parameters[i] = new TunnelParameters(reals[i].TunnelKind, reals[i].OuterSource, reals[i].Address);
        }

        Seed = snapshot.HashSeed;
    }

    public CompiledService Service { get; }

    public TunnelParameters[] Parameters { get; }

    public ulong Seed { get; }
}
