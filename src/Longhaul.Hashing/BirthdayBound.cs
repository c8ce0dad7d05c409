namespace Longhaul.Hashing;

/// <summary>
/// The birthday bound for hashing n distinct names into m = 2^b ids, assuming the hash behaves like a
/// uniformly random function. That assumption is the whole point: CRC-32 has no flaw that makes
/// "fc0591" and "123rainerbommert" collide; 32 bits are simply too few for millions of names.
/// </summary>
public static class BirthdayBound
{
    public static BirthdayEstimate Estimate(long names, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 64);

        double n = names;
        double p = Math.ScaleB(1.0, -bits);
        double pairs = n * (n - 1) / 2.0;

        // Pair indicators are pairwise independent (three names all sharing one id has probability p^2,
        // which is exactly P(A)P(B)), so the variance is the plain binomial one.
        double stdDev = Math.Sqrt(pairs * p * (1.0 - p));

        return new BirthdayEstimate(
            names,
            bits,
            ExpectedCollidingPairs: pairs * p,
            CollidingPairsStdDev: stdDev,
            ExpectedCollidingIds: ExpectedCollidingIds(n, bits),
            ExpectedNamesInCollisions: ExpectedNamesInCollisions(n, p));
    }

    /// <summary>Expected colliding pairs n(n-1)/2^(b+1): the quantity <c>hash-audit</c> calls "collisions".</summary>
    public static double ExpectedCollidingPairs(long names, int bits) => Estimate(names, bits).ExpectedCollidingPairs;

    /// <summary>
    /// m · P(one id gets two or more names) = m · Σ_{k≥2} C(n,k) p^k (1-p)^(n-k). The closed form
    /// m(1 - (1-p)^n - np(1-p)^(n-1)) cancels catastrophically when np is small, which is the usual case,
    /// so the sum is taken term by term there; its terms shrink at least as fast as np/k.
    /// </summary>
    private static double ExpectedCollidingIds(double n, int bits)
    {
        if (n < 2)
        {
            return 0;
        }

        double m = Math.ScaleB(1.0, bits);
        double p = 1.0 / m;
        double logQ = Log1P(-p);
        double load = n * p;
        if (load >= 1.0)
        {
            return m * (1.0 - Math.Exp(n * logQ) - (n * p * Math.Exp((n - 1) * logQ)));
        }

        // t_k = m C(n,k) p^k (1-p)^(n-k); t_{k+1} = t_k (n-k)/(k+1) · p/(1-p).
        double term = n * (n - 1) / 2.0 * p * Math.Exp((n - 2) * logQ);
        double sum = 0;
        for (int k = 2; k < 200 && term > sum * 1e-17; k++)
        {
            sum += term;
            term *= (n - k) / (k + 1) * (p / (1.0 - p));
        }

        return sum;
    }

    /// <summary>n · P(some other name shares my id) = n(1 - (1-p)^(n-1)).</summary>
    private static double ExpectedNamesInCollisions(double n, double p) =>
        n < 2 ? 0 : -n * ExpM1((n - 1) * Log1P(-p));

    // Math has no log1p/expm1; ln(1+x) and e^x-1 lose every digit for |x| near 2^-64 unless taken as series.
    private static double Log1P(double x) =>
        Math.Abs(x) < 1e-4 ? x * (1 - (x * (0.5 - (x * ((1.0 / 3) - (x * 0.25)))))) : Math.Log(1 + x);

    private static double ExpM1(double x) =>
        Math.Abs(x) < 1e-5 ? x * (1 + (x * (0.5 + (x * ((1.0 / 6) + (x / 24)))))) : Math.Exp(x) - 1;
}
