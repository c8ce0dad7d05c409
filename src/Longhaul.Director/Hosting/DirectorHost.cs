using Longhaul.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Longhaul.Director.Hosting;

/// <summary>
/// <c>longhaul director run</c>: the Generic Host with systemd integration (sd_notify READY=1 once started and
/// STOPPING=1 on stop, journald-friendly log lines when run by systemd), a generous shutdown timeout so the
/// teardown always completes, and <see cref="DirectorService"/>.
/// </summary>
public static class DirectorHost
{
    /// <summary>Teardown (stop workers, remove routes, restore sysctls) takes well under this.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs until SIGTERM/SIGINT (or a failure). Returns the process exit code: 0 clean stop, 1 failure, with
    /// the exception that stopped it in <paramref name="failure"/> (for advice such as "run it as root").
    /// </summary>
    public static int Run(DirectorConfig config, out Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(config);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "longhaul-director",
        });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = ShutdownTimeout;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        // Logs to standard error: standard output stays free for what commands print.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!SystemdHelpers.IsSystemdService())
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                options.UseUtcTimestamp = true;
            });
        }

        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton<DirectorService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DirectorService>());
        using IHost host = builder.Build();
        DirectorService service = host.Services.GetRequiredService<DirectorService>();
        host.Run();
        failure = service.Failure;
        return service.ExitCode;
    }
}
