namespace ReelRights.Fingerprinting.Region;

/// <summary>
/// Where the picture is. <see cref="Main"/> only drops flat bars (letterbox, pillarbox, borders),
/// which no real picture has, so it is safe to use on references and queries alike. The other two
/// are guesses tried as extra queries only, never indexed: a wrong guess costs one lookup pass,
/// whereas trimming a reference wrongly (a shallow-focus background looks like blurred fill, a
/// static-camera shot looks like a small moving box) would lose it for every copy.
/// </summary>
/// <param name="Main">The frame without flat bars.</param>
/// <param name="Sharp">The sharp rectangle inside it (blurred-background fill removed), when clearly smaller.</param>
/// <param name="Motion">The moving rectangle inside it (a picture-in-picture over a still backdrop), when clearly smaller.</param>
internal readonly record struct RegionEstimate(PixelRect Main, PixelRect? Sharp, PixelRect? Motion);
