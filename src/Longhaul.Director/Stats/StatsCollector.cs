using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Scheduling;
using Longhaul.Director.Workers;

namespace Longhaul.Director.Stats;

/// <summary>
/// Sums the workers' counters into one <see cref="DirectorStats"/>. Runs on the control thread while workers
/// keep counting, so totals may be a few packets apart from each other; each counter is read whole.
/// </summary>
public static class StatsCollector
{
    private static readonly DropReason[] s_dropReasons = Enum.GetValues<DropReason>();

    public static DirectorStats Collect(
        string name,
        DateTimeOffset time,
        ForwardingSnapshot snapshot,
        IReadOnlyList<ForwardingWorker> workers,
        IReadOnlyList<IoCounters> io,
        ConnectionCounts connections)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(connections);

        long packets = 0, bytes = 0, forwarded = 0, hits = 0, misses = 0, inserts = 0, stateless = 0, rescheduled = 0, replies = 0, flows = 0;
        long forwardedBytes = 0;
        var drops = new Dictionary<string, long>(s_dropReasons.Length);
        foreach (DropReason reason in s_dropReasons)
        {
            if (reason != DropReason.None)
            {
                drops[reason.ToString()] = 0;
            }
        }

        foreach (ForwardingWorker worker in workers)
        {
            WorkerCounters c = worker.Counters;
            packets += Volatile.Read(ref c.Packets);
            bytes += Volatile.Read(ref c.Bytes);
            forwarded += Volatile.Read(ref c.Forwarded);
            hits += Volatile.Read(ref c.FlowHits);
            misses += Volatile.Read(ref c.FlowMisses);
            inserts += Volatile.Read(ref c.FlowInserts);
            stateless += Volatile.Read(ref c.StatelessForwards);
            rescheduled += Volatile.Read(ref c.Rescheduled);
            replies += Volatile.Read(ref c.IcmpTooBigSent);
            flows += worker.Flows.Occupied;
            for (int r = 0; r < c.RealBytes.Length; r++)
            {
                forwardedBytes += Volatile.Read(ref c.RealBytes[r]);
            }

            foreach (DropReason reason in s_dropReasons)
            {
                if (reason != DropReason.None)
                {
                    drops[reason.ToString()] += c.Drops(reason);
                }
            }
        }

        return new DirectorStats
        {
            Name = name,
            Time = time,
            ConfigVersion = snapshot.Version,
            Packets = packets,
            Bytes = bytes,
            Forwarded = forwarded,
            ForwardedBytes = forwardedBytes,
            Replies = replies,
            Drops = drops,
            FlowHits = hits,
            FlowMisses = misses,
            FlowInserts = inserts,
            StatelessForwards = stateless,
            Rescheduled = rescheduled,
            Flows = flows,
            Io = SumIo(io),
            Services = CollectServices(snapshot, workers),
            Reals = CollectReals(snapshot, workers, connections),
        };
    }

    private static IoStats SumIo(IReadOnlyList<IoCounters> io)
    {
        long batches = 0, sent = 0, sendErrors = 0, receiveErrors = 0, replyErrors = 0;
        foreach (IoCounters c in io)
        {
            batches += Volatile.Read(ref c.Batches);
            sent += Volatile.Read(ref c.Sent);
            sendErrors += Volatile.Read(ref c.SendErrors);
            receiveErrors += Volatile.Read(ref c.ReceiveErrors);
            replyErrors += Volatile.Read(ref c.ReplyErrors);
        }

        return new IoStats
        {
            Workers = io.Count,
            Batches = batches,
            Sent = sent,
            SendErrors = sendErrors,
            ReceiveErrors = receiveErrors,
            ReplyErrors = replyErrors,
        };
    }

    private static List<ServiceStats> CollectServices(ForwardingSnapshot snapshot, IReadOnlyList<ForwardingWorker> workers)
    {
        var services = new List<ServiceStats>(snapshot.Services.Count);
        foreach (CompiledService service in snapshot.Services)
        {
            int id = service.ServiceId;
            long packets = 0, bytes = 0, connections = 0;
            foreach (ForwardingWorker worker in workers)
            {
                packets += Volatile.Read(ref worker.Counters.ServicePackets[id]);
                bytes += Volatile.Read(ref worker.Counters.ServiceBytes[id]);
                connections += Volatile.Read(ref worker.Counters.ServiceConnections[id]);
            }

            services.Add(new ServiceStats { Key = service.Key.ToString(), Packets = packets, Bytes = bytes, Connections = connections });
        }

        return services;
    }

    private static List<RealStats> CollectReals(ForwardingSnapshot snapshot, IReadOnlyList<ForwardingWorker> workers, ConnectionCounts connections)
    {
        var reals = new List<RealStats>();
        foreach (CompiledService service in snapshot.Services)
        {
            // Configuration order, not the scheduler's (reversed) order: what the operator wrote.
            foreach (var definition in service.Definition.Reals)
            {
                CompiledReal? real = FindReal(service, definition.Address, definition.Port);
                if (real is null)
                {
                    continue;
                }

                int id = real.RealId;
                long packets = 0, bytes = 0, newFlows = 0;
                foreach (ForwardingWorker worker in workers)
                {
                    packets += Volatile.Read(ref worker.Counters.RealPackets[id]);
                    bytes += Volatile.Read(ref worker.Counters.RealBytes[id]);
                    newFlows += Volatile.Read(ref worker.Counters.RealConnections[id]);
                }

                reals.Add(new RealStats
                {
                    Address = real.Address.ToString(),
                    DataCenter = definition.DataCenter,
                    Service = service.Key.ToString(),
                    Weight = definition.Weight,
                    Packets = packets,
                    Bytes = bytes,
                    Connections = newFlows,
                    Active = id < connections.Capacity ? connections.Active(id) : 0,
                    Inactive = id < connections.Capacity ? connections.Inactive(id) : 0,
                });
            }
        }

        return reals;
    }

    private static CompiledReal? FindReal(CompiledService service, Packets.NetAddress address, ushort port)
    {
        foreach (CompiledReal real in service.SchedulerOrder)
        {
            if (real.Address == address && real.Definition.Port == port)
            {
                return real;
            }
        }

        return null;
    }
}
