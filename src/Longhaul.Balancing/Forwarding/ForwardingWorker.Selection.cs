using System.Runtime.CompilerServices;
using Longhaul.Balancing.Flows;
using Longhaul.Packets;

namespace Longhaul.Balancing.Forwarding;

/// <summary>Choosing the real: flow table first, then persistence, then the scheduler or the stateless table.</summary>
public sealed partial class ForwardingWorker
{
    private const byte TcpFin = 0x01;
    private const byte TcpSyn = 0x02;
    private const byte TcpRst = 0x04;
    private const byte TcpAck = 0x10;

    /// <summary>
    /// The real for a packet: its flow's when the flow table has one that may keep it, else a new choice. Kept
    /// small on purpose: the hit is the common case, and the JIT inlines the hit path's helpers only while the
    /// method stays within its budget, so the rarer branches live in methods of their own.
    /// </summary>
    private CompiledReal? SelectReal(
        ForwardingSnapshot snapshot, CompiledService service, in FlowKey flow, ulong hash, byte tcpFlags, long now)
    {
        ref FlowSlot entry = ref _flows.Find(flow, hash, now);
        if (Unsafe.IsNullRef(ref entry))
        {
            return AdmitNewFlow(snapshot, service, in flow, hash, tcpFlags, now);
        }

        FlowState next = NextState(flow.Protocol, tcpFlags, entry.State);
        CompiledReal? current = snapshot.FindReal(entry.RealId);

        // A bare SYN on a known flow is a new connection on a reused port: a refused connect leaves no
        // TIME_WAIT, and a connection the real reset (its service stopped) looks established to the director,
        // which never sees the real's RST. It must only stay on a real that still takes new flows, like IPVS's
        // conn_reuse_mode.
        bool reopened = next == FlowState.SynSent;
        if (current is not null && current.ServiceId == service.ServiceId && current.KeepsFlows
            && (!reopened || current.AcceptsNewFlows))
        {
            Counters.FlowHits++;
            _flows.Touch(ref entry, next, now);
            return current;
        }

        return Reschedule(snapshot, service, in flow, hash, ref entry, next, now);
    }

    /// <summary>
    /// The flow's real was removed, went down, or (for a reused port) no longer takes new flows: place the flow
    /// again. Draining reals keep their flows; only these cases move.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CompiledReal? Reschedule(
        ForwardingSnapshot snapshot, CompiledService service, in FlowKey flow, ulong hash, ref FlowSlot entry, FlowState next, long now)
    {
        CompiledReal? replacement = PickNew(service, in flow, hash, snapshot.HashSeed, now);
        if (replacement is null)
        {
            _flows.Remove(ref entry);
            return null;
        }

        WorkerCounters counters = Counters;
        counters.Rescheduled++;
        counters.RealConnections[replacement.RealId]++;
        counters.ServiceConnections[service.ServiceId]++;
        _flows.Rebind(ref entry, replacement.RealId);
        _flows.Touch(ref entry, next, now);
        return replacement;
    }

    /// <summary>A flow the table does not hold: schedule and insert it, or under a flood forward it statelessly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CompiledReal? AdmitNewFlow(
        ForwardingSnapshot snapshot, CompiledService service, in FlowKey flow, ulong hash, byte tcpFlags, long now)
    {
        WorkerCounters counters = Counters;
        counters.FlowMisses++;
        if (!_limiter.TryAcquire(now))
        {
            // Flood guard: forward by the stateless Maglev table without an entry.
            counters.StatelessForwards++;
            return StatelessPick(service, ChoiceHash(service, in flow, hash, snapshot.HashSeed));
        }

        CompiledReal? real = PickNew(service, in flow, hash, snapshot.HashSeed, now);
        if (real is null)
        {
            return null;
        }

        counters.FlowInserts++;
        counters.RealConnections[real.RealId]++;
        counters.ServiceConnections[service.ServiceId]++;
        _flows.Insert(flow, hash, real.RealId, NextState(flow.Protocol, tcpFlags, FlowState.Empty), now);
        return real;
    }

    /// <summary>A real for a new flow: the client's persistence template if it still points to a usable real, else the scheduler.</summary>
    private CompiledReal? PickNew(CompiledService service, in FlowKey flow, ulong hash, ulong seed, long now)
    {
        if (service.Persistence is null)
        {
            return Schedule(service, in flow, hash);
        }

        (FlowKey template, ulong templateHash) = PersistenceTemplate.Of(service, in flow, seed);
        ref FlowSlot entry = ref _templates.Find(template, templateHash, now);
        if (!Unsafe.IsNullRef(ref entry))
        {
            CompiledReal? pinned = FindInService(service, entry.RealId);

            // Like IPVS with expire_quiescent_template=1: a template to a real that takes no new flows is
            // dropped, so draining really drains.
            if (pinned is not null && pinned.AcceptsNewFlows)
            {
                Counters.PersistenceHits++;
                _templates.SetExpiry(ref entry, now, service.Persistence.Timeout);
                return pinned;
            }

            _templates.Remove(ref entry);
        }

        // Scheduled by the template's hash, not the connection's: Maglev then gives the whole client prefix one
        // real in every worker and on every director, so persistence holds without sharing templates.
        CompiledReal? real = Schedule(service, in flow, templateHash);
        if (real is not null)
        {
            ref FlowSlot created = ref _templates.Insert(template, templateHash, real.RealId, FlowState.Datagram, now);
            _templates.SetExpiry(ref created, now, service.Persistence.Timeout);
        }

        return real;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CompiledReal? Schedule(CompiledService service, in FlowKey flow, ulong hash)
    {
        int index = service.Scheduler.Pick(flow, hash, _connections);
        return index < 0 ? null : service.SchedulerOrder[index];
    }

    /// <summary>The hash a new choice is made by: the flow's, or for a persistent service its client template's.</summary>
    private static ulong ChoiceHash(CompiledService service, in FlowKey flow, ulong flowHash, ulong seed) =>
        service.Persistence is null ? flowHash : PersistenceTemplate.Of(service, in flow, seed).Hash;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CompiledReal? StatelessPick(CompiledService service, ulong hash)
    {
        int index = service.StatelessTable.Lookup(hash);
        return index < 0 ? null : service.SchedulerOrder[index];
    }

    private static CompiledReal? FindInService(CompiledService service, int realId)
    {
        CompiledReal[] reals = service.SchedulerOrder;
        for (int i = 0; i < reals.Length; i++)
        {
            if (reals[i].RealId == realId)
            {
                return reals[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The flow's state after this packet, from the client's flags alone: SYN opens, data or ACK establishes,
    /// FIN or RST closes. A bare SYN opens whatever the state: a client sends one only to start a connection
    /// (or retransmit that start), so on a known flow it is the client reusing the port.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static FlowState NextState(IpProtocol protocol, byte flags, FlowState current)
    {
        if (protocol != IpProtocol.Tcp)
        {
            return FlowState.Datagram;
        }

        if ((flags & (TcpFin | TcpRst)) != 0)
        {
            return FlowState.Closing;
        }

        if ((flags & (TcpSyn | TcpAck)) == TcpSyn)
        {
            return FlowState.SynSent;
        }

        return current == FlowState.Closing ? FlowState.Closing : FlowState.Established;
    }
}
