using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Hashing.Tests")]
[assembly: InternalsVisibleTo("Longhaul.Benchmarks")]
