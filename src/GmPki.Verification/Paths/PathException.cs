namespace GmPki.Verification.Paths;

/// <summary>Ends the processing of one candidate path with the reason it is not valid.</summary>
internal sealed class PathException : Exception
{
    public PathException(PathFailure failure, string reason)
        : base(reason)
    {
        Failure = failure;
    }

    /// <summary>The failure class.</summary>
    public PathFailure Failure { get; }
}
