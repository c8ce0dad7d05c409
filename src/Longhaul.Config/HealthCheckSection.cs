using System.Globalization;
using Longhaul.Config.Yaml;

namespace Longhaul.Config;

/// <summary>
/// A <c>health-check:</c> mapping of a service, or of a real where it overrides the service's check key by key
/// (a real's mapping may set only <c>port</c>, say, and inherit the rest).
/// </summary>
internal static class HealthCheckSection
{
    private static readonly string[] s_kinds = ["tunnel", "tcp", "http", "https", "exec"];
    private static readonly string[] s_actions = ["inhibit", "remove"];
    private static readonly string[] s_httpOnly = ["path", "status", "body-contains", "host"];

    private const double MaxSeconds = 3600;

    public static HealthCheckSettings? Read(MappingReader check, HealthCheckSettings? inherited)
    {
        int errorsBefore = check.Errors.Count;
        string? kindName = check.Choice("kind", s_kinds, required: inherited is null);
        long? port = check.Integer("port", 1, 65535);
        string? path = check.String("path");
        long? status = check.Integer("status", 100, 599);
        string? body = check.String("body-contains");
        string? host = check.String("host");
        string? command = check.String("command");
        double? interval = check.Number("interval", 0.1, MaxSeconds);
        double? timeout = check.Number("timeout", 0.1, MaxSeconds);
        long? rise = check.Integer("rise", 1, 100);
        long? fall = check.Integer("fall", 1, 100);
        double? jitter = check.Number("jitter", 0, 1);
        string? action = check.Choice("on-failure", s_actions);
        check.Finish();

        HealthCheckKind kind = kindName is null
            ? inherited?.Kind ?? HealthCheckKind.Tcp
            : Enum.Parse<HealthCheckKind>(kindName, ignoreCase: true);
        HealthCheckSettings basis = inherited is not null && (kindName is null || inherited.Kind == kind)
            ? inherited
            : new HealthCheckSettings(kind);
        var result = basis with
        {
            Kind = kind,
            Port = port is null ? basis.Port : (ushort)port.Value,
            Path = path ?? basis.Path,
            Status = status is null ? basis.Status : (int)status.Value,
            BodyContains = body ?? basis.BodyContains,
            Host = host ?? basis.Host,
            Command = command ?? basis.Command,
            Interval = interval is null ? basis.Interval : TimeSpan.FromSeconds(interval.Value),
            Timeout = timeout is null ? basis.Timeout : TimeSpan.FromSeconds(timeout.Value),
            Rise = rise is null ? basis.Rise : (int)rise.Value,
            Fall = fall is null ? basis.Fall : (int)fall.Value,
            Jitter = jitter ?? basis.Jitter,
            OnFailure = action is null ? basis.OnFailure : Enum.Parse<FailureAction>(action, ignoreCase: true),
        };

        if (!result.IsHttp)
        {
            foreach (string key in s_httpOnly)
            {
                if (check.Has(key))
                {
                    check.Error(key, $"applies to http and https checks only, not {kindName ?? result.Kind.ToString().ToLowerInvariant()}");
                }
            }
        }

        if (path is not null && !path.StartsWith('/'))
        {
            check.Error("path", $"'{path}' must start with '/'");
        }

        if (result.Kind == HealthCheckKind.Exec)
        {
            if (string.IsNullOrWhiteSpace(result.Command))
            {
                check.Error("command", "is required for an exec check (the command to run; exit status 0 means healthy)");
            }

            if (port is not null)
            {
                check.Error("port", "does not apply to an exec check: the command decides what to probe");
            }
        }
        else if (command is not null)
        {
            check.Error("command", $"applies to exec checks only, not {result.Kind.ToString().ToLowerInvariant()}");
        }

        if (result.Timeout > result.Interval)
        {
            string timeoutText = result.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            string intervalText = result.Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            check.Error(timeout is not null ? "timeout" : "interval", $"timeout {timeoutText} s is longer than the interval {intervalText} s: checks would overlap");
        }

        return check.Errors.Count > errorsBefore ? null : result;
    }
}
