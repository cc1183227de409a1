namespace StudyBot.Conduct;

/// <summary>
/// What speaks for one candidate entry, each in 0–1 except the leads (−1–1): how much of the question it covers and how
/// close its nearest phrasing is (idf-weighted), how far it leads the best of the other candidates on each, its BM25
/// score beside the best candidate's and beside what a perfect match would score, the share of the question's weight
/// the base has never seen, the question's length, the weightiest question word the entry lacks (beside the
/// question's weightiest word), how close its second-nearest phrasing is, and coverage by its questions alone.
/// </summary>
internal readonly record struct Evidence(double Coverage, double Closeness, double CoverageLead, double ClosenessLead,
    double RankShare, double Strength, double Unknown, double Length, double Missing, double SecondCloseness, double QuestionCoverage)
{
    public double[] Features() =>
        [1, Coverage, Closeness, CoverageLead, ClosenessLead, RankShare, Strength, Unknown, Length, Coverage * Closeness, Missing, SecondCloseness, QuestionCoverage];
}

/// <summary>
/// Confidence is a logistic model over the evidence: the estimated chance that the candidate is the entry a member
/// meant. Hand-set weights had to trade one measure against another by guesswork; these are fitted by the benchmark's
/// `retrieval-fit` on questions the shipped base was not written from (its phrasings held out a fifth at a time, whole
/// entries held out so that their questions must escalate, and the tuning set), never on the held-out set.
/// </summary>
internal static class ConductModel
{
    internal static double[] Weights = [-7.801, 4.84, 2.328, 3.067, 2.116, 4.191, 2.613, -0.292, 1.155, -1.045, -0.47, 2.065, -5.626];

    public static double Confidence(Evidence evidence) => Confidence(evidence.Features(), Weights);

    public static double Confidence(double[] features, double[] weights)
    {
        var z = 0.0;
        for (var i = 0; i < features.Length; i++) z += features[i] * weights[i];
        return 1 / (1 + Math.Exp(-z));
    }
}
