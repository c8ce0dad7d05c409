using System.Globalization;
using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Director.Control.Protocol;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>
/// <c>ctl explain</c>: replays the pipeline's decision for one flow (flow table, persistence template,
/// scheduler, stateless table) against the running snapshot and the workers' tables without changing anything:
/// no entry is inserted, refreshed or freed, and no round-robin cursor moves.
/// </summary>
public static class FlowExplainer
{
    /// <summary>The template key salt of ForwardingWorker.PickNew: templates hash apart from flows of the same bytes.</summary>
    private const ulong TemplateSeedSalt = 0x9E37_79B9_7F4A_7C15;

    public static ExplainResult Explain(
        in FlowKey flow,
        ForwardingSnapshot snapshot,
        IReadOnlyList<ForwardingWorker> workers,
        ConnectionCounts connections,
        long now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(connections);
        var c = CultureInfo.InvariantCulture;
        var steps = new List<string>();
        string flowText = $"{ProtocolName(flow.Protocol)} {HostPort.Format(flow.Source, flow.SourcePort)} -> {HostPort.Format(flow.Destination, flow.DestinationPort)}";
        CompiledService? service = snapshot.FindService(flow.Protocol, flow.Destination, flow.DestinationPort);
        if (service is null)
        {
            steps.Add($"no service matches {ProtocolName(flow.Protocol)} {HostPort.Format(flow.Destination, flow.DestinationPort)} (nor the VIP's port-0 service): dropped as not-a-vip");
            return new ExplainResult { Flow = flowText, Decision = "drop", Steps = steps };
        }

        string serviceText = service.Key.ToString();
        string persistence = service.Persistence is { } p
            ? string.Create(c, $"persistence {(long)p.Timeout.TotalSeconds} s per /{(flow.Source.IsIPv4 ? p.PrefixLengthV4 : p.PrefixLengthV6)}")
            : "no persistence";
        steps.Add($"service {serviceText}: scheduler {SchedulerNames.ToName(service.Definition.Scheduler)}, {persistence}, config version {snapshot.Version}");
        ulong hash = FlowHasher.Hash(flow, snapshot.HashSeed);

        // 1. The flow table: the I/O layer steers a flow to one worker, so at most one should know it.
        for (int w = 0; w < workers.Count; w++)
        {
            if (!FlowTableReader.TryFind(workers[w].Flows, flow, now, out FlowEntry entry))
            {
                continue;
            }

            CompiledReal? bound = snapshot.FindReal(entry.RealId);
            string expires = ((entry.ExpiresAt - now) / 1000.0).ToString("0.#", c);
            if (bound is not null && bound.ServiceId == service.ServiceId && bound.KeepsFlows)
            {
                string draining = bound.AcceptsNewFlows ? string.Empty : " (the real takes no new flows, but keeps this one)";
                steps.Add($"flow-table hit in worker {w}: state {StateName(entry.State)}, idle timeout in {expires} s -> real {Describe(bound)}{draining}");
                return Result(flowText, serviceText, bound, flow.DestinationPort, "flow-table", steps);
            }

            steps.Add(bound is null
                ? string.Create(c, $"flow-table entry in worker {w} points to a real (id {entry.RealId}) that was removed: the next packet places the flow again")
                : $"flow-table entry in worker {w} points to {Describe(bound)}, which is {(bound.KeepsFlows ? "in another service" : "down")}: the next packet places the flow again");
            break;
        }

        if (steps.Count == 1)
        {
            steps.Add("no flow-table entry in any worker: a new flow");
        }

        // 2. Persistence: the client's template, if it still points to a real that takes new flows.
        if (service.Persistence is { } persistenceSettings)
        {
            int prefix = flow.Source.IsIPv4 ? persistenceSettings.PrefixLengthV4 : persistenceSettings.PrefixLengthV6;
            (FlowKey template, ulong templateHash) = PersistenceTemplate.Of(service, in flow, snapshot.HashSeed);
            bool found = false;
            for (int w = 0; w < workers.Count && !found; w++)
            {
                if (!FlowTableReader.TryFind(workers[w].PersistenceTemplates, template, now, out FlowEntry entry))
                {
                    continue;
                }

                found = true;
                CompiledReal? pinned = FindInService(service, entry.RealId);
                if (pinned is not null && pinned.AcceptsNewFlows)
                {
                    string expires = ((entry.ExpiresAt - now) / 1000.0).ToString("0.#", c);
                    steps.Add($"persistence template for {template.Source}/{prefix} in worker {w} (expires in {expires} s) -> real {Describe(pinned)}");
                    return Result(flowText, serviceText, pinned, flow.DestinationPort, "persistence", steps);
                }

                steps.Add($"persistence template for {template.Source}/{prefix} points to a real that takes no new flows: it is dropped and the scheduler picks");
            }

            if (!found)
            {
                steps.Add($"no persistence template for {template.Source}/{prefix}: the scheduler picks and a template is created");
            }

            // A persistent service chooses by the client template's hash, so the prefix gets one real everywhere.
            hash = templateHash;
            steps.Add(string.Create(c, $"a new choice hashes the client template ({template.Source}/{prefix}), not the connection: 0x{hash:x16}"));
        }

        // 3. The scheduler (or, above the new-flow rate limit, the stateless Maglev table).
        int stateless = service.StatelessTable.Lookup(hash);
        string statelessText = stateless < 0
            ? "no real"
            : string.Create(c, $"slot {hash % (ulong)service.StatelessTable.Size} -> {Describe(service.SchedulerOrder[stateless])}");
        CompiledReal? chosen;
        string decision = "scheduler";
        switch (service.Scheduler)
        {
            case MaglevScheduler maglev:
            {
                int index = maglev.Table.Lookup(hash);
                chosen = index < 0 ? null : service.SchedulerOrder[index];
                steps.Add(string.Create(c, $"scheduler mh: flow hash 0x{hash:x16}, slot {hash % (ulong)maglev.Table.Size} of {maglev.Table.Size} (table fingerprint {maglev.Table.Fingerprint:x16}) -> {(chosen is null ? "no real" : Describe(chosen))}"));
                break;
            }

            case { Kind: SchedulerKind.RoundRobin or SchedulerKind.WeightedRoundRobin }:
            {
                // Pick would advance the shared cursor: the one thing explain must not do.
                chosen = null;
                decision = "unpredictable";
                string eligible = string.Join(", ", service.SchedulerOrder.Where(r => r.AcceptsNewFlows).Reverse().Select(Describe));
                steps.Add($"scheduler {SchedulerNames.ToName(service.Definition.Scheduler)}: the next new flow takes the next real in the rotation (not predicted: it would move the shared cursor); eligible: {(eligible.Length == 0 ? "none" : eligible)}");
                break;
            }

            default:
            {
                int index = service.Scheduler.Pick(flow, hash, connections);
                chosen = index < 0 ? null : service.SchedulerOrder[index];
                steps.Add($"scheduler {SchedulerNames.ToName(service.Definition.Scheduler)} with the current connection counts -> {(chosen is null ? "no real" : DescribeWithLoad(chosen, connections))}");
                break;
            }
        }

        steps.Add($"above new-flows-per-second the flow would go statelessly by the Maglev table: {statelessText}");
        if (chosen is null && decision == "scheduler")
        {
            steps.Add("no real may take a new flow: dropped as no-real-available");
            return new ExplainResult { Flow = flowText, Service = serviceText, Decision = "drop", Steps = steps };
        }

        return chosen is null
            ? new ExplainResult { Flow = flowText, Service = serviceText, Decision = decision, Steps = steps }
            : Result(flowText, serviceText, chosen, flow.DestinationPort, decision, steps);
    }

    /// <param name="port">The flow's destination port: the tunnel delivers it unchanged, whatever the real's configured port.</param>
    private static ExplainResult Result(string flow, string service, CompiledReal real, ushort port, string decision, List<string> steps) => new()
    {
        Flow = flow,
        Service = service,
        Real = HostPort.Format(real.Address, port),
        DataCenter = real.Definition.DataCenter,
        Decision = decision,
        Steps = steps,
    };

    private static CompiledReal? FindInService(CompiledService service, int realId)
    {
        foreach (CompiledReal real in service.SchedulerOrder)
        {
            if (real.RealId == realId)
            {
                return real;
            }
        }

        return null;
    }

    private static string Describe(CompiledReal real) =>
        real.Definition.DataCenter.Length > 0 ? $"{real.Address} ({real.Definition.DataCenter})" : real.Address.ToString();

    private static string DescribeWithLoad(CompiledReal real, ConnectionCounts connections) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Describe(real)}, weight {real.Definition.Weight}, active {connections.Active(real.RealId)}, inactive {connections.Inactive(real.RealId)}");

    internal static string StateName(FlowState state) => state switch
    {
        FlowState.SynSent => "SYN_SENT",
        FlowState.Established => "ESTABLISHED",
        FlowState.Closing => "CLOSING",
        FlowState.Datagram => "DATAGRAM",
        _ => "NONE",
    };

    internal static string ProtocolName(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        _ => protocol.ToString().ToUpperInvariant(),
    };
}
