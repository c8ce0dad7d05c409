using Longhaul.Config.Import;

namespace Longhaul.Config.Tests.Import;

public sealed class KeepalivedImporterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("longhaul-keepalived-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private (ImportedDefinition Definition, ImportNotes Notes) Read(string text)
    {
        var notes = new ImportNotes();
        ImportedDefinition definition = KeepalivedImporter.Read(Write("keepalived.conf", text), notes);
        notes.ThrowIfErrors();
        return (definition, notes);
    }

    private static string Service(string body, string realBody = "weight 1") => $$"""
        virtual_server 203.0.113.10 80 {
            lb_kind TUN
            {{body}}
            real_server 192.0.2.21 80 {
                {{realBody}}
            }
        }
        """;

    [Fact]
    public void Read_BarePersistenceTimeout_Is360()
    {
        Assert.Equal(360, Read(Service("persistence_timeout")).Definition.Services[0].PersistenceTimeout);
    }

    [Theory]
    [InlineData("lb_algo sh", "sh")]
    [InlineData("lvs_sched mh", "mh")]
    [InlineData("", "wlc")]
    public void Read_SchedulerAliases_Map(string line, string expected)
    {
        Assert.Equal(expected, Read(Service(line)).Definition.Services[0].Scheduler);
    }

    [Fact]
    public void Read_TcpCheck_MapsIntervalTimeoutAndFallAsRetryPlusOne()
    {
        ImportedDefinition definition = Read(Service("delay_loop 7", "TCP_CHECK {\n connect_timeout 2\n retry 3\n connect_port 8080\n }")).Definition;

        Assert.Equal(
            new ImportedHealthCheck("tcp", 8080, null, null, null, null, Interval: 7, Timeout: 2, Rise: 1, Fall: 4, OnFailure: "remove"),
            definition.Services[0].HealthCheck);
    }

    [Fact]
    public void Read_KeepalivedDefaults_Interval60Timeout5Fall2()
    {
        ImportedHealthCheck check = Read(Service(string.Empty, "TCP_CHECK {\n}")).Definition.Services[0].HealthCheck!;

        Assert.Equal((60.0, 5.0, 2, "remove"), (check.Interval, check.Timeout, check.Fall, check.OnFailure));
        Assert.Null(check.Port);
    }

    [Theory]
    [InlineData("inhibit_on_failure", "")]
    [InlineData("", "inhibit_on_failure")]
    public void Read_InhibitOnFailure_OnServiceOrReal_IsInhibit(string serviceLine, string realLine)
    {
        ImportedHealthCheck check = Read(Service(serviceLine, $"{realLine}\nTCP_CHECK {{\n}}")).Definition.Services[0].HealthCheck!;

        Assert.Equal("inhibit", check.OnFailure);
    }

    [Fact]
    public void Read_HttpGet_MapsUrlStatusAndHost()
    {
        ImportedHealthCheck check = Read(Service("virtualhost www.example.com", """
            HTTP_GET {
                url {
                    path "/health check"
                    status_code 204
                }
            }
            """)).Definition.Services[0].HealthCheck!;

        Assert.Equal(("http", "/health check", 204, "www.example.com"), (check.Kind, check.Path, check.Status, check.Host));
    }

    [Fact]
    public void Read_DifferentChecksPerReal_StayOnTheReals()
    {
        ImportedService service = Read("""
            virtual_server 203.0.113.10 80 {
                lb_kind TUN
                real_server 192.0.2.21 80 { TCP_CHECK { connect_timeout 1 } }
                real_server 192.0.2.22 80 { TCP_CHECK { connect_timeout 2 } }
            }
            """).Definition.Services[0];

        Assert.Null(service.HealthCheck);
        Assert.Equal([1.0, 2.0], service.Reals.Select(r => r.HealthCheck!.Timeout));
    }

    [Fact]
    public void Read_CommentsBothKinds_AreIgnoredButNotInsideQuotes()
    {
        ImportedService service = Read("""
            ! a comment
            # another
            virtual_server 203.0.113.10 80 {   ! trailing
                lb_kind TUN                    # trailing
                real_server 192.0.2.21 80 {
                    MISC_CHECK {
                        misc_path "/bin/check --tag #1 !x"
                    }
                }
            }
            """).Definition.Services[0];

        Assert.Equal("/bin/check --tag #1 !x", service.HealthCheck!.Command);
    }

    [Fact]
    public void Read_IncludeGlob_FollowsFilesInNameOrderRelativeToTheFile()
    {
        Write("conf.d/b.conf", "virtual_server 203.0.113.12 80 {\n lb_kind TUN\n}\n");
        Write("conf.d/a.conf", "virtual_server 203.0.113.11 80 {\n lb_kind TUN\n}\n");
        Write("conf.d/skip.txt", "not a config");

        ImportedDefinition definition = Read("include conf.d/*.conf\nvirtual_server 203.0.113.13 80 {\n lb_kind TUN\n}\n").Definition;

        Assert.Equal(["203.0.113.11", "203.0.113.12", "203.0.113.13"], definition.Services.Select(s => s.Vip.ToString()));
        Assert.EndsWith(Path.Combine("conf.d", "a.conf"), definition.Services[0].File, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingIncludeAndUnclosedBlock_ErrorsWithFileAndLine()
    {
        string path = Write("keepalived.conf", "include missing.conf\nvirtual_server 203.0.113.10 80 {\n lb_kind TUN\n");

        var e = Assert.Throws<ConfigException>(() => KeepalivedImporter.Import(path));

        Assert.Equal(
            [
                $"{path}:1: include: {Path.Combine(_directory, "missing.conf")}: no such file",
                $"{path}:2: virtual_server: the block opened here is never closed with '}}'",
            ],
            e.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Read_NoLvsMethod_IsKeepalivedsDefaultNatAndUnmapped()
    {
        (ImportedDefinition definition, ImportNotes notes) = Read("virtual_server 203.0.113.10 80 {\n real_server 192.0.2.21 80 {\n }\n}\n");

        Assert.Empty(definition.Services[0].Reals);
        Assert.Contains("no lvs_method, so keepalived's default NAT is not supported", Assert.Single(notes.Unmapped), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TunGueOnEveryReal_MakesGueTheDirectorEncapsulation()
    {
        ImportResult result = KeepalivedImporter.Import(Write("k.conf", """
            virtual_server 203.0.113.10 80 {
                lvs_method TUN type gue port 7000 nocsum
                real_server 192.0.2.21 80 {
                }
            }
            """));

        Assert.Contains("  encapsulation: gue\n  gue-port: 7000\n", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("        encapsulation:", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SorryServerAndQuorum_Mapped()
    {
        ImportedService service = Read(Service("quorum 2\nsorry_server 192.0.2.250 80")).Definition.Services[0];

        Assert.Equal((2, "192.0.2.250"), (service.Quorum, service.SorryServer.ToString()));
    }
}
