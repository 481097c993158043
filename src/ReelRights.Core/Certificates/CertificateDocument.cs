namespace ReelRights.Core.Certificates;

/// <summary>A supporting document named on a certificate, with the digest that identifies its bytes.</summary>
public sealed record CertificateDocument(string Name, string Sha256);
