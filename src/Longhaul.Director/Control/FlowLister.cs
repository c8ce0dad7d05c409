using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Director.Control;

/// <summary><c>ctl flows</c>: live flow-table entries of every worker, filtered and bounded.</summary>
public static class FlowLister
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static FlowsResult List(ForwardingSnapshot snapshot, IReadOnlyList<ForwardingWorker> workers, long now, FlowFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(filter);
        limit = Math.Clamp(limit, 1, MaxLimit);
        var flows = new List<FlowEntryView>(Math.Min(limit, 1024));
        long matched = 0;
        for (int w = 0; w < workers.Count; w++)
        {
            foreach (ref readonly FlowEntry entry in FlowTableReader.Live(workers[w].Flows, now))
            {
                CompiledReal? real = snapshot.FindReal(entry.RealId);
                if (!Matches(filter, entry, real))
                {
                    continue;
                }

                matched++;
                if (flows.Count < limit)
                {
                    flows.Add(new FlowEntryView
                    {
                        Protocol = FlowExplainer.ProtocolName(entry.Key.Protocol),
                        State = FlowExplainer.StateName(entry.State),
                        Expires = Math.Round((entry.ExpiresAt - now) / 1000.0, 1),
                        Client = HostPort.Format(entry.Key.Source, entry.Key.SourcePort),
                        Virtual = HostPort.Format(entry.Key.Destination, entry.Key.DestinationPort),
                        Real = real is null ? "(removed)" : HostPort.Format(real.Address, entry.Key.DestinationPort),
                        Worker = w,
                    });
                }
            }
        }

        return new FlowsResult { Matched = matched, Truncated = matched > flows.Count, Flows = flows };
    }

    private static bool Matches(FlowFilter filter, in FlowEntry entry, CompiledReal? real) =>
        (filter.Vip is not { } vip || (entry.Key.Destination == vip && (filter.VipPort == 0 || entry.Key.DestinationPort == filter.VipPort)))
        && (filter.Real is not { } wanted || (real is not null && real.Address == wanted))
        && (filter.Client is not { } client || entry.Key.Source == client);
}
