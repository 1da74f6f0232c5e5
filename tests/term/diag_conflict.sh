#!/bin/sh
# Two operators correct one diagnostic: while the developer's form is open,
# someone else saves the diagnostic. His save does not overwrite: the
# fields that differ are shown side by side; the recommendations only the
# other one changed keep the other's text, his subject stays his.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
# The diagnostic is assigned to the developer for building the card: he
# sees and corrects its results (issue 12's rule).
sql "INSERT INTO diagnostic (person_id, form, kind, diag_date, subject, recommendations, developer_id)
     VALUES ($pid, 'standardized', 'entry', '2026-10-01', 'Математика', 'Курсы',
             (SELECT person_id FROM app_user WHERE login = 'developer'))"
did=$(sql "SELECT max(id) FROM diagnostic")
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "петрова ольга"
wait_for "Петрова Ольга Николаевна"
keys Enter
wait_for "Информационная справка: Петрова Ольга Николаевна"
keys Tab Tab
wait_for "01.10.2026"
keys Enter
wait_for "Диагностика: Петрова"
keys F4
wait_for "Диагностика: Петрова Ольга Николаевна"
wait_for "Математика"
# Предмет is the 4th field.
keys Down Down Down C-u
type_text "Алгебра"
wait_for "Алгебра"
# Meanwhile another operator saves the recommendations.
sql "UPDATE diagnostic SET recommendations = 'Стажировка в школе-лидере', version = version + 1 WHERE id = $did"
keys F2
wait_for "Диагностику изменил другой пользователь"
s=$(screen)
echo "$s" | grep -q "Предмет.*\[x\] Алгебра.*\[ \] Математика" || fail "subject: mine proposed"
echo "$s" | grep -q "Рекомендации.*\[ \] Курсы.*\[x\] Стажировка" || fail "recommendations: theirs proposed"
keys F2
wait_for "Диагностика сохранена"
expect_eq "$(sql "SELECT subject || '|' || recommendations || '|' || version FROM diagnostic WHERE id = $did")" \
	"Алгебра|Стажировка в школе-лидере|3" "merged per field"
keys F10 F10 F10 F10 l
wait_for "EXIT 0"
echo ok
