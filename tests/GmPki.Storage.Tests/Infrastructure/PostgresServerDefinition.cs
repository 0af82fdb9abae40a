using GmPki.Testing;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>The PostgreSQL test classes: they share one <see cref="PostgresServer"/>, stopped after the last of them.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
