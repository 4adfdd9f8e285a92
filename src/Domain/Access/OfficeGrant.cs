namespace LiveSession.Domain.Access;

/// <summary>
/// A commune's office (Văn phòng HĐND-UBND) as an installation knows it: several communes may share one installation,
/// each with its own admin key, meetings, units and MTTQ. <see cref="Id"/> is null for the installation's own office
/// (the plain admin key), which owns every meeting made before offices had ids.
/// </summary>
public sealed record OfficeGrant(string? Id, string Name)
{
    /// <summary>Whether a meeting, or a record of one, belonging to <paramref name="office"/> is this office's.</summary>
    public bool Owns(string? office) => Id == office;
}

/// <summary>
/// A follow-up link's grant: the office that issued it and the unit it opens, or no unit for the Ủy ban MTTQ's read-only
/// link of that office.
/// </summary>
public sealed record FollowUpLinkGrant(string? Office, string? Unit)
{
    public bool IsOverseer => Unit is null;
}
