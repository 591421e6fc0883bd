import { maskName } from './mask-name';

describe(maskName.name, () => {
  it.each([
    ['Siti Nurhaliza', 'Sit* Nur*'],
    ['  Budi   Santoso ', 'Bud* San*'],
    ['Ani', 'A*'],
    ['Muhammad Al Fatih', 'Muh* A* Fat*'],
    ['I Gusti Ngurah Rai', 'I* Gus* Ngu* R*'],
    ['Dewi', 'Dew*'],
    ['Étienne Ñoño', 'Éti* Ñoñ*'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows a whole word of two characters or more', () => {
    for (const word of ['Al', 'Ani', 'Andi', 'Siti']) expect(maskName(word)).not.toContain(word);
  });
});
