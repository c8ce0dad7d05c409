using Longhaul.Balancing.Forwarding;
using Longhaul.Config;
using Longhaul.Packets;

namespace Longhaul.Director.Tests;

/// <summary>Small director configurations written as the operator would, through the real loader.</summary>
internal static class TestConfigs
{
    public static readonly NetAddress Vip = NetAddress.Parse("203.0.113.10");
    public static readonly NetAddress Client = NetAddress.Parse("198.51.100.2");
    public static readonly NetAddress TunnelSource = NetAddress.Parse("192.0.2.2");

    public static string Yaml(string reals = "100.64.1.2,100.64.2.2", int port = 80, string extraDirector = "") =>
        $"""
        director:
          name: dirtest
          tunnel-source: {TunnelSource}
          tunnel-mtu: 1500
          hash-seed: 7
          workers: 1
          flow-table-size: 4096
        {extraDirector}
        services:
          - protocol: tcp
            vip: {Vip}
            port: {port}
            scheduler: rr
            reals:
        {string.Join('\n', reals.Split(',').Select((r, i) => $"      - address: {r}\n        dc: dc{i + 1}"))}
          - protocol: udp
            vip: {Vip}
            port: 5000
            reals:
              - address: 100.64.1.2
                dc: dc1
        """;

    public static DirectorConfig Config(string reals = "100.64.1.2,100.64.2.2", int port = 80) =>
        DirectorConfig.Parse(Yaml(reals, port), "test.yaml");

    public static ForwardingSnapshot Snapshot(string reals = "100.64.1.2,100.64.2.2", int port = 80, ForwardingSnapshot? previous = null) =>
        SnapshotCompiler.Compile(Config(reals, port).Balancer, previous);
}
