using System.Diagnostics;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Balancing.Simulation;
using Longhaul.Packets;

namespace Longhaul.Cli.Demo;

/// <summary>
/// Synthetic traffic through the real forwarding core, with no network needed: the seed's 12 reals in 5 data
/// centers behind 3 directors, how flows spread, that the directors agree, and what draining and failure do.
/// </summary>
internal sealed class ForwardingDemo(TextWriter output, int connections, int packetsPerConnection)
{
    private const int Directors = 3;
    private readonly byte[] _buffer = new byte[PacketLayout.Headroom + 2048];
    private readonly Random _random = new(2006);

    public int Run()
    {
        BalancerDefinition definition = SeedDeployment.Definition();
        ForwardingSnapshot snapshot = SnapshotCompiler.Compile(definition);
        ForwardingWorker[] directors = [.. Enumerable.Range(0, Directors).Select(_ => NewDirector())];
        CompiledService service = snapshot.Services[0];
        var maglev = (MaglevScheduler)service.Scheduler;

        output.WriteLine("Longhaul forwarding demo: synthetic client traffic through the forwarding core.");
        output.WriteLine($"VIP {SeedDeployment.Vip}:80, {service.SchedulerOrder.Length} reals in {SeedDeployment.DataCenters.Count} data centers, " +
            $"weighted Maglev (M={maglev.Table.Size}, seed {definition.HashSeed}, fingerprint {maglev.Table.Fingerprint:x16}), {Directors} directors behind ECMP.");
        output.WriteLine();

        // 1. Spread, with every packet sent to a random director as ECMP would after routes change.
        output.WriteLine($"1. {connections:N0} client connections of {packetsPerConnection} packets; each packet goes to a random one of {Directors} directors.");
        var realOf = new int[connections];
        var seenByFirst = new bool[connections];
        int disagreements = 0;
        long packets = 0;
        var progress = new Progress(output, connections);
        for (int c = 0; c < connections; c++)
        {
            (NetAddress client, ushort port) = Client(c);
            realOf[c] = -1;
            for (int p = 0; p < packetsPerConnection; p++)
            {
                byte flags = p == 0 ? SyntheticPackets.Syn : SyntheticPackets.Ack;
                int d = _random.Next(Directors);
                seenByFirst[c] |= d == 0;
                PacketResult result = Send(directors[d], snapshot, client, port, flags, 1000);
                packets++;
                if (realOf[c] == -1)
                {
                    realOf[c] = result.RealId;
                }
                else if (realOf[c] != result.RealId)
                {
                    disagreements++;
                }
            }

            progress.Report(c + 1);
        }

        progress.Done();
        PrintSpread(snapshot, realOf);
        output.WriteLine($"   The directors agreed on the real for {packets - disagreements:N0} of {packets:N0} packets, " +
            "without sharing any state: Maglev makes the choice a function of the 5-tuple and the configuration.");
        output.WriteLine();

        // 2. Drain one real.
        CompiledReal drained = service.SchedulerOrder[^1];
        ForwardingSnapshot draining = SnapshotCompiler.Compile(
            definition with { Services = [Replace(definition.Services[0], drained.Address, r => r with { State = RealState.Draining })] },
            snapshot);
        int known = 0;
        int stayed = 0;
        int unknown = 0;
        int newToDrained = 0;
        const int NewFlows = 10_000;
        ForwardingWorker director = directors[0];
        for (int c = 0; c < connections; c++)
        {
            if (realOf[c] == drained.RealId)
            {
                (NetAddress client, ushort port) = Client(c);
                bool kept = Send(director, draining, client, port, SyntheticPackets.Ack, 2000).RealId == drained.RealId;
                known += seenByFirst[c] ? 1 : 0;
                stayed += seenByFirst[c] && kept ? 1 : 0;
                unknown += seenByFirst[c] ? 0 : 1;
            }
        }

        for (int c = 0; c < NewFlows; c++)
        {
            (NetAddress client, ushort port) = Client(connections + c);
            newToDrained += Send(director, draining, client, port, SyntheticPackets.Syn, 2000).RealId == drained.RealId ? 1 : 0;
        }

        output.WriteLine($"2. Drain {drained.Address} ({drained.Definition.DataCenter}): weight 0, established flows stay, new flows go elsewhere.");
        output.WriteLine($"   Director 1 now gets all traffic. Of the drained real's flows it had state for, {stayed:N0} of {known:N0} stay on it;");
        output.WriteLine($"   new flows sent to it: {newToDrained} of {NewFlows:N0}. ({unknown} of its flows never passed director 1, which has");
        output.WriteLine("   no state for them and places them by the new Maglev table: the risk docs/architecture.md describes.)");
        output.WriteLine();

        // 3. A real fails.
        CompiledReal failed = service.SchedulerOrder[0];
        ForwardingSnapshot down = SnapshotCompiler.Compile(
            definition with { Services = [Replace(definition.Services[0], failed.Address, r => r with { State = RealState.Down })] },
            draining);
        int failedFlows = 0;
        int movedKnown = 0;
        for (int c = 0; c < connections; c++)
        {
            (NetAddress client, ushort port) = Client(c);
            int now = Send(director, down, client, port, SyntheticPackets.Ack, 3000).RealId;
            if (realOf[c] == failed.RealId)
            {
                failedFlows++;
            }
            else if (now != realOf[c] && seenByFirst[c])
            {
                movedKnown++;
            }
        }

        output.WriteLine($"3. {failed.Address} ({failed.Definition.DataCenter}) goes down: its {failedFlows:N0} flows " +
            $"({100.0 * failedFlows / connections:F1}% of all) move to other reals;");
        output.WriteLine($"   other flows director 1 had state for that moved: {movedKnown}.");
        output.WriteLine();

        // 4. Cost per packet on this machine.
        (double established, double fresh) = MeasureCost(snapshot);
        output.WriteLine($"4. Per-packet cost on this machine, one core: established flow {established:F0} ns, new flow {fresh:F0} ns" +
            (IsOptimized() ? "." : " (Debug build; `longhaul bench` on a Release build gives the real figures)."));
        output.WriteLine();
        output.WriteLine("Next: `longhaul bench` for this box's packet rate; `longhaul --help` for everything else.");
        return 0;
    }

    private static ForwardingWorker NewDirector() =>
        new(new WorkerOptions(FlowCapacity: 1 << 18), new ConnectionCounts(ForwardingSnapshot.MaxReals));

    private static ServiceDefinition Replace(ServiceDefinition service, NetAddress address, Func<RealDefinition, RealDefinition> change) =>
        service with { Reals = [.. service.Reals.Select(r => r.Address == address ? change(r) : r)] };

    /// <summary>Connection c's client: addresses across 198.51.100.0/24 and beyond, ports from 1024.</summary>
    private static (NetAddress Client, ushort Port) Client(int c) =>
        (NetAddress.FromV4(0xC633_6400u + (uint)(c % 4093)), (ushort)(1024 + (c / 4093)));

    private PacketResult Send(ForwardingWorker worker, ForwardingSnapshot snapshot, NetAddress client, ushort port, byte flags, long now)
    {
        int length = SyntheticPackets.WriteTcp(_buffer.AsSpan(PacketLayout.Headroom), client, SeedDeployment.Vip, port, 80, flags, 100);
        worker.Process(snapshot, _buffer, PacketLayout.Headroom, length, now, out PacketResult result);
        return result;
    }

    private void PrintSpread(ForwardingSnapshot snapshot, int[] realOf)
    {
        var perReal = realOf.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        CompiledService service = snapshot.Services[0];
        output.WriteLine();
        output.WriteLine("   Real          DC             Flows   Share");
        foreach (CompiledReal real in service.SchedulerOrder.Reverse())
        {
            int flows = perReal.GetValueOrDefault(real.RealId);
            double share = 100.0 * flows / realOf.Length;
            output.WriteLine($"   {real.Address,-13} {real.Definition.DataCenter,-12} {flows,7:N0}  {share,5:F1}%  {new string('#', (int)Math.Round(share * 2))}");
        }

        output.WriteLine();
        output.WriteLine("   Data center   Reals    Flows   Share");
        foreach (var dc in service.SchedulerOrder.Reverse().GroupBy(r => r.Definition.DataCenter))
        {
            int flows = dc.Sum(r => perReal.GetValueOrDefault(r.RealId));
            output.WriteLine($"   {dc.Key,-12} {dc.Count(),6} {flows,8:N0}  {100.0 * flows / realOf.Length,5:F1}%");
        }

        output.WriteLine();
    }

    private (double Established, double Fresh) MeasureCost(ForwardingSnapshot snapshot)
    {
        ForwardingWorker worker = NewDirector();
        const int Iterations = 200_000;
        int length = SyntheticPackets.WriteTcp(_buffer.AsSpan(PacketLayout.Headroom), SeedDeployment.DirectorAddress, SeedDeployment.Vip, 5555, 80, SyntheticPackets.Ack, 100);
        byte[] packet = _buffer.AsSpan(PacketLayout.Headroom, length).ToArray();
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            packet.CopyTo(_buffer.AsSpan(PacketLayout.Headroom));
            worker.Process(snapshot, _buffer, PacketLayout.Headroom, length, 0, out _);
        }

        double established = stopwatch.Elapsed.TotalNanoseconds / Iterations;
        stopwatch.Restart();
        for (int i = 0; i < Iterations; i++)
        {
            Send(worker, snapshot, NetAddress.FromV4(0x6440_0000u + (uint)i), 4000, SyntheticPackets.Syn, 0);
        }

        return (established, stopwatch.Elapsed.TotalNanoseconds / Iterations);
    }

    private static bool IsOptimized() =>
        typeof(ForwardingWorker).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);

    /// <summary>A one-line progress bar that redraws in place on a terminal and stays quiet otherwise.</summary>
    private sealed class Progress(TextWriter output, int total)
    {
        private int _shown = -1;

        public void Report(int done)
        {
            int percent = (int)(100L * done / total);
            if (percent == _shown || Console.IsOutputRedirected)
            {
                return;
            }

            _shown = percent;
            output.Write($"\r   [{new string('#', percent / 5),-20}] {percent,3}%");
        }

        public void Done()
        {
            if (!Console.IsOutputRedirected)
            {
                output.WriteLine();
            }
        }
    }
}
