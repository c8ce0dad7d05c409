using Longhaul.Balancing.Model;
using Longhaul.Config.Import;

namespace Longhaul.Config.Tests.Import;

/// <summary>
/// The imported YAML, with the tunnel sources given, is a valid director configuration: it loads with
/// DirectorConfig.Parse, including the control-plane keys (health-check, quorum, sorry-server, scheduler-flags,
/// persistence-netmask, per-real encapsulation, timeouts).
/// </summary>
public sealed class ImportedYamlParseTests
{
    public static TheoryData<string> Samples => ImportGoldenTests.Samples;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_ImportedSample_IsValidConfiguration(string sample)
    {
        ImportResult result = SampleImport.Run(sample, SampleImport.WithSources);

        DirectorConfig config = DirectorConfig.Parse(result.Yaml, sample);

        Assert.Empty(result.ToDo);
        Assert.NotEmpty(config.Balancer.Services);
    }

    [Fact]
    public void Parse_ImportedKeepalivedTun_CarriesChecksQuorumAndSorryServer()
    {
        DirectorConfig config = DirectorConfig.Parse(SampleImport.Run("keepalived-tun.conf", SampleImport.WithSources).Yaml);

        ServiceDefinition web = config.Balancer.Services[0];
        Assert.Equal(24, web.Persistence!.PrefixLengthV4);
        ServiceSettings settings = config.ServiceSettings[web.Key];
        Assert.Equal(1, settings.Quorum);
        Assert.Equal("192.0.2.250", settings.SorryServer.ToString());
        ServiceDefinition https = config.Balancer.Services[1];
        Assert.Equal(HealthCheckKind.Tcp, config.ServiceSettings[https.Key].HealthCheck!.Kind);
        Assert.True(https.HashSourcePort);
    }
}
