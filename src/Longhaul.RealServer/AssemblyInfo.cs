using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.RealServer.Tests")]
[assembly: InternalsVisibleTo("Longhaul.Benchmarks")]
[assembly: InternalsVisibleTo("Longhaul.Egress.Tests")]
