namespace ReelRights.Core.Licensing;

/// <summary>How exclusive a grant is; see <see cref="GrantOverlap.Conflicts"/> for what that means for a second grant.</summary>
public enum Exclusivity
{
    /// <summary>普通许可: others may be licensed the same.</summary>
    NonExclusive,
    /// <summary>排他许可: no other licensee, but the owner may still use it.</summary>
    Sole,
    /// <summary>独占许可: only the licensee, not even the owner.</summary>
    Exclusive,
}
