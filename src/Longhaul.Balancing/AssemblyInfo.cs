using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Balancing.Tests")]
[assembly: InternalsVisibleTo("Longhaul.Benchmarks")]
