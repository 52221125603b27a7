/**
 * What the IDE opens with: where the bearer token goes, and one worked operation per kind of user, each runnable
 * as it stands (a test runs every one of them against the demo data).
 */
export const IDE_EXAMPLE = `# Tandem's API. Send a bearer token with every request: in Headers (the icon on the left), set
#   Authorization: Bearer <token>
# \`npm start\` prints one for each demo user; \`npm run token -- --role MANAGER --team <id>\` makes others.
# Put the cursor in an operation below and press Send.

# Anyone: who the token says you are, and what it lets you reach.
query WhoAmI {
  me {
    name
    roles
    organisations { name sector }
    teams { id name timeZone }
    staffMember { name jobTitle }
  }
}

# A manager: a team's rotas (take a team id from WhoAmI) and what needs attention on them.
query MyTeamsRotas($teamId: ID!) {
  rotas(teamId: $teamId) {
    id
    status
    startDate
    endDate
    attention { kind message actions }
  }
}

# HR or a manager: the first page of the staff directory, with each person's skills passport.
query StaffDirectory {
  staff(first: 20) {
    totalCount
    edges { node { name jobTitle credentials { skill { name } expiresOn status } } }
  }
}

# Staff: your own published shifts.
query MyShifts {
  myShifts(from: "2026-11-01", to: "2027-01-31") {
    shift { localDate startTime durationMinutes }
  }
}
`;

/** Variables shown beside the example (MyTeamsRotas needs a team id). */
export const IDE_EXAMPLE_VARIABLES = JSON.stringify({ teamId: 'a team id from WhoAmI' }, null, 2);
