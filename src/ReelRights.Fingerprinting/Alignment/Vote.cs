namespace ReelRights.Fingerprinting.Alignment;

/// <summary>One verified descriptor match: query frame ↔ reference time, with a similarity weight in (0, 1].</summary>
internal readonly record struct Vote(int QueryFrame, float QueryTime, float ReferenceTime, float Weight, int ReferenceKey);
