
// One throwaway PostgreSQL server per test run; each test class creates its own databases on it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]
