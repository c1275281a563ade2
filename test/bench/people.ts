const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson'];
const AREAS = ['202', '212', '305', '312', '415', '503', '602', '617', '713', '808'];

/** A deterministic synthetic person; last names get a numeric suffix so substrings are selective. */
export function person(i: number) {
  const first = FIRST[i % FIRST.length];
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${Math.floor(i / 600) % 1000}`;
  const area = AREAS[i % AREAS.length];
  const line = String(Math.floor(i / AREAS.length) % 10_000_000).padStart(7, '0');
  return {
    first,
    last,
    phoneE164: `+1${area}${line.slice(0, 3).replace(/^[01]/, '5')}${line.slice(3)}`,
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
  };
}
