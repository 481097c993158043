namespace ReelRights.Ledger.Notes;

/// <summary>Thrown when a note parses but its signatures do not satisfy the verifier.</summary>
public sealed class NoteVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">The reason.</param>
    /// <param name="message">A message for people.</param>
    public NoteVerificationException(NoteVerificationFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Creates the exception with a default reason (for serializers and analyzers).</summary>
    public NoteVerificationException()
        : this(NoteVerificationFailure.NoKnownSignature, "The note has no signature from a known key.")
    {
    }

    /// <summary>Creates the exception with a default reason (for serializers and analyzers).</summary>
    /// <param name="message">A message for people.</param>
    public NoteVerificationException(string message)
        : this(NoteVerificationFailure.NoKnownSignature, message)
    {
    }

    /// <summary>Creates the exception with a default reason (for serializers and analyzers).</summary>
    /// <param name="message">A message for people.</param>
    /// <param name="innerException">The cause.</param>
    public NoteVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = NoteVerificationFailure.NoKnownSignature;
    }

    /// <summary>The reason the note was rejected.</summary>
    public NoteVerificationFailure Failure { get; }
}
