using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Simulation;
using Longhaul.Config;
using Longhaul.Director.Control;
using Longhaul.Packets;

namespace Longhaul.Director.Tests.Control;

/// <summary>
/// A control plane over an in-memory data plane (two workers, a hand-turned clock) and a config file in a
/// temporary directory: everything the admin API does, without root or sockets.
/// </summary>
internal sealed class ControlFixture : IDisposable
{
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress RealA = NetAddress.Parse("100.64.1.2");
    public static readonly NetAddress RealB = NetAddress.Parse("100.64.2.2");
    public static readonly NetAddress RealC = NetAddress.Parse("100.64.3.2");

    private readonly byte[] _buffer = new byte[PacketLayout.Headroom + 2048];

    public ControlFixture(string? yaml = null, int workers = 2)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"lhctl-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        ConfigPath = Path.Combine(Directory, "dir.yaml");
        File.WriteAllText(ConfigPath, yaml ?? Yaml());
        Config = DirectorConfig.Load(ConfigPath);
        Plane = new StandaloneDataPlane(Config, workers, () => Now);
        Control = new ControlPlane(Plane, Config);
        Handler = new AdminHandler(Control);
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    public DirectorConfig Config { get; }

    public StandaloneDataPlane Plane { get; }

    public ControlPlane Control { get; }

    public AdminHandler Handler { get; }

    /// <summary>The flow tables' clock in milliseconds; tests move it by hand.</summary>
    public long Now { get; set; } = 1_000_000;

    public static string Yaml(string webScheduler = "mh", string extraDirector = "") => $"""
        director:
          name: ctltest
          tunnel-source: 192.0.2.2
          hash-seed: 7
          workers: 2
          flow-table-size: 4096
          admin-socket: /tmp/unused.sock
        {extraDirector}
        services:
          - protocol: tcp
            vip: {Vip}
            port: 80
            scheduler: {webScheduler}
            reals:
              - address: {RealA}
                weight: 1
                dc: us-east
              - address: {RealB}
                weight: 1
                dc: eu-west
          - protocol: tcp
            vip: {Vip}
            port: 443
            scheduler: wlc
            persistence-timeout: 300
            persistence-netmask: 255.255.255.0
            reals:
              - address: {RealA}
                dc: us-east
              - address: {RealC}
                dc: ap-south
        """;

    /// <summary>Runs one client TCP packet through worker <paramref name="worker"/>; returns the real it went to (or None).</summary>
    public NetAddress Send(int worker, NetAddress client, ushort clientPort, ushort port, byte flags, int payload = 0)
    {
        int length = SyntheticPackets.WriteTcp(_buffer.AsSpan(PacketLayout.Headroom), client, Vip, clientPort, port, flags, payload);
        Verdict verdict = Plane.Workers[worker].Process(Plane.Snapshot, _buffer, PacketLayout.Headroom, length, Now, out PacketResult result);
        return verdict == Verdict.Forward ? result.NextHop : NetAddress.None;
    }

    /// <summary>A SYN then an ACK: an established flow, counted active.</summary>
    public NetAddress Connect(int worker, NetAddress client, ushort clientPort, ushort port = 80)
    {
        Send(worker, client, clientPort, port, SyntheticPackets.Syn);
        return Send(worker, client, clientPort, port, SyntheticPackets.Ack, payload: 100);
    }

    public void Dispose()
    {
        Control.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
