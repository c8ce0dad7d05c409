using Longhaul.Linux;
using Longhaul.Packets;
using Longhaul.RealServer;

namespace Longhaul.Egress.Tests;

/// <summary>
/// The three checks on real network stacks (see <see cref="EgressTestLab"/>): dc1's provider passes source = VIP,
/// dc2's drops it with strict reverse-path filtering, and real 100.64.3.2 in dc1 runs no agent.
/// </summary>
public sealed class EgressCheckRootTests
{
    private static readonly NetAddress s_vip = NetAddress.Parse("203.0.113.10");
    private static readonly NetAddress s_director = NetAddress.Parse("192.0.2.2");
    private static readonly NetAddress s_client = NetAddress.Parse("198.51.100.10");
    private static readonly NetAddress s_real1 = NetAddress.Parse("100.64.1.2");
    private static readonly NetAddress s_real2 = NetAddress.Parse("100.64.2.2");
    private static readonly NetAddress s_real3 = NetAddress.Parse("100.64.3.2");

    [RootFact]
    public void EgressChecks_FilteredAndUnfilteredDcs_AgreeOnAllowedBlockedAndNoAgent()
    {
        using var lab = new EgressTestLab();
        var options = new RealServerOptions
        {
            Vips = [s_vip],
            AllowedDirectors = [AddressPrefix.Parse("192.0.2.2")],
            MssClamp = MssClamp.Off,
        };
        RealServerAgent? agent1 = null;
        RealServerAgent? agent2 = null;
        try
        {
            agent1 = lab.Real1.Run(() => RealServerAgent.Start(options, TextWriter.Null));
            agent2 = lab.Real2.Run(() => RealServerAgent.Start(options, TextWriter.Null));

            // 1. Through the tunnel: IPIP to dc1's reals, GUE to dc2's.
            EgressTarget[] targets =
            [
                new(s_real1, s_vip, "dc1"),
                new(s_real2, s_vip, "dc2", TunnelKind.Gue),
                new(s_real3, s_vip, "dc1"),
            ];
            var check = new TunnelProbeCheck(new TunnelProbeOptions { SourceV4 = s_director, Timeout = TimeSpan.FromSeconds(1.5) });
            IReadOnlyList<EgressResult> results = lab.Director.Run(() => check.Run(targets));

            Assert.Equal(EgressVerdict.Allowed, results[0].Verdict);
            Assert.NotNull(results[0].RoundTrip);
            Assert.Equal(s_vip, results[0].Observation.VipReplySource);
            Assert.Equal(s_real1, results[0].Observation.ControlReplySource);

            Assert.Equal(EgressVerdict.Blocked, results[1].Verdict);
            Assert.Equal(s_real2, results[1].Observation.ControlReplySource);
            Assert.StartsWith("control reply from 100.64.2.2 after ", results[1].Evidence, StringComparison.Ordinal);
            Assert.EndsWith("no reply from VIP 203.0.113.10 within 1.5 s", results[1].Evidence, StringComparison.Ordinal);

            Assert.Equal(EgressVerdict.NoAnswer, results[2].Verdict);
            Assert.Equal(1, EgressVerdicts.ExitCode(results));
            Assert.True(agent1.Egress!.Answered >= 1);
            Assert.True(agent2.Egress!.Answered >= 1); // it answered; isp2 dropped the VIP half
            Assert.Equal(0, agent1.Snapshot().Decapsulated - agent1.Egress.Answered - agent1.Egress.RateLimited); // probes never reached the TUN

            // 2. Without the agent: the listener on the director, `send --vip` on a real of each DC.
            ListenerReport manual = RunListener(lab, new ListenerOptions { Duration = TimeSpan.FromSeconds(2) }, () =>
            {
                lab.Real3.Run(() => ManualProbe.Send(new ManualProbeOptions { Vip = s_vip, To = s_director, Count = 2, Interval = TimeSpan.FromMilliseconds(20) }, TextWriter.Null));
                lab.Real2.Run(() => ManualProbe.Send(new ManualProbeOptions { Vip = s_vip, To = s_director, Count = 2, Interval = TimeSpan.FromMilliseconds(20) }, TextWriter.Null));
            });
            ManualSenderResult fromReal3 = Assert.Single(manual.Senders, s => s.Real == s_real3);
            ManualSenderResult fromReal2 = Assert.Single(manual.Senders, s => s.Real == s_real2);
            Assert.Equal(EgressVerdict.Allowed, fromReal3.Verdict);
            Assert.Equal((2, 2), (fromReal3.VipProbes, fromReal3.Controls));
            Assert.Equal(EgressVerdict.Blocked, fromReal2.Verdict);
            Assert.Equal((0, 2), (fromReal2.VipProbes, fromReal2.Controls));
            Assert.Equal(1, manual.ExitCode);

            // 3. The seed's traceroute: ICMP errors come back to the VIP, so the director must deliver it locally
            // for this part (as an IPVS director with the VIP on an interface does).
            IpCommand.InNamespace(lab.Director.Name).AddAddress("lo", "203.0.113.10/32");
            ushort session1 = 0;
            ushort session2 = 0;
            ListenerReport traced = RunListener(lab, new ListenerOptions { Icmp = true, Duration = TimeSpan.FromSeconds(2.5) }, () =>
            {
                var trace = new TracerouteOptions { Vip = s_vip, Target = s_client, MaxTtl = 5, Queries = 1, Interval = TimeSpan.FromMilliseconds(10) };
                session1 = lab.Real1.Run(() => TracerouteProbe.Send(trace, TextWriter.Null));
                session2 = lab.Real2.Run(() => TracerouteProbe.Send(trace, TextWriter.Null));
            });
            TracerouteSession viaDc1 = Assert.Single(traced.Sessions);
            Assert.Equal(session1, viaDc1.SessionPort);
            Assert.NotEqual(session1, session2);
            Assert.True(viaDc1.Reached, "the client's port unreachable for dc1's probes did not come back");
            Assert.Equal(3, viaDc1.FarthestHop); // isp1, internet, client
            Assert.Equal([1, 2, 3], viaDc1.Hops.Keys.Order());
            Assert.Equal(s_client, viaDc1.Hops[3]);
            Assert.Equal(0, traced.ExitCode);
        }
        finally
        {
            if (agent1 is not null)
            {
                lab.Real1.Run(agent1.Stop);
            }

            if (agent2 is not null)
            {
                lab.Real2.Run(agent2.Stop);
            }
        }
    }

    /// <summary>Starts the listener in the director's namespace, runs <paramref name="send"/> once it is up, and waits for its report.</summary>
    private static ListenerReport RunListener(EgressTestLab lab, ListenerOptions options, Action send)
    {
        var ready = new ManualResetEventSlim();
        var live = new SignallingWriter(ready);
        Task<ListenerReport> listening = Task.Run(() => lab.Director.Run(() => ProbeListener.Run(options, live)));
        Assert.True(ready.Wait(TimeSpan.FromSeconds(5)), "the listener did not start");
        send();
        Assert.True(listening.Wait(options.Duration + TimeSpan.FromSeconds(5)), "the listener did not stop on time");
        return listening.Result;
    }

    /// <summary>Signals once the listener printed its first line, i.e. its sockets are open.</summary>
    private sealed class SignallingWriter(ManualResetEventSlim ready) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            ready.Set();
        }
    }
}
