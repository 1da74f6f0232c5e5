#!/bin/sh
# The chain from an application to a card: the application names the
# blocks to diagnose; the operator records a consenting teacher's
# diagnostic from it, and the diagnostic points back; the radar carries
# the application on to the card's 10 days; the application shows where
# it led.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT id FROM person WHERE surname = 'Петрова' AND name = 'Ольга' AND patronymic = 'Николаевна'")
org=$(sql "SELECT org_id FROM person WHERE id = $pid")
sql "INSERT INTO diagnostic_application (number, kind, channel, form, org_id, applicant_name, subjects, received_date, state)
     VALUES ('З-15', 'collective', 'written', 'standardized', $org, 'Фёдорова И. В.', 'математика', date('now', '-3 days'), 'received');
     INSERT INTO application_consent (application_id, person_id, subject, block_id, consent)
     VALUES ((SELECT max(id) FROM diagnostic_application), $pid, 'математика', 2, 1);"
app=$(sql "SELECT max(id) FROM diagnostic_application")
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
type_text "Заявки"
keys Enter
wait_for "Заявки на диагностику профессиональных дефицитов"
wait_for "Фёдорова И. В."
keys Enter
wait_for "Заявка на диагностику"
wait_for "не указаны (F5)"
wait_for "диагностик по заявке: 0, карт ИОМ по ним: 0"
# F5: tick «Предметные» and «Методические», then «Готово».
keys F5
wait_for "Блоки для диагностики"
wait_for "[ ] Предметные"
keys Enter
wait_for "[x] Предметные"
keys Down Enter
wait_for "[x] Методические"
keys End
keys Enter
wait_for "Блоки заявки сохранены"
wait_for "Предметные, Методические"
expect_eq "$(sql "SELECT group_concat(block_id, ',') FROM (SELECT block_id FROM application_block WHERE application_id = $app ORDER BY block_id)")" "1,2" "the blocks named"
# F6 on the consent: the teacher's diagnostic answering the application.
keys F6
wait_for "Новая диагностика по заявке: Петрова Ольга Николаевна"
wait_for "Предмет                  математика"
keys Down Enter
wait_for "стандартизированная процедура"
keys Enter
keys Down Enter
wait_for "входная в рамках ДПП"
keys Enter
wait_for "Вид *                    входная"
keys Down Down Down Down Down Down Down Down Down
type_text "60"
keys F2
wait_for "Диагностика сохранена"
wait_for "диагностик по заявке: 1, карт ИОМ по ним: 0"
diag=$(sql "SELECT id FROM diagnostic WHERE application_id = $app")
expect_eq "$(sql "SELECT person_id, kind, subject FROM diagnostic WHERE id = $diag")" "$pid|entry|математика" "the diagnostic points back"
keys F10
wait_for "Заявки на диагностику профессиональных дефицитов"
keys F10
wait_for "главное меню"
# The radar: the diagnostic awaits its card (10 working days from it);
# it opens on the diagnostic, which names the application, and the card
# is built from there.
type_text "Контроль"
keys Enter
wait_for "Контроль сроков"
wait_for "ИОМ: разработать  Петрова Ольга Николаевна"
row=$(screen | grep -n "ИОМ: разработать  Петрова Ольга Николаевна" | head -1 | cut -d: -f1)
first=$(screen | grep -n "^>" | head -1 | cut -d: -f1)
i=$first
while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
keys Enter
wait_for "По заявке: заявка от"
wait_for "Фёдорова И. В."
keys F7
wait_for "Модель ИОМ"
keys Enter
wait_for "Шаблон карты"
keys Enter
wait_for "Куратор ("
keys Enter
wait_for "Карта ИОМ ИОМ-"
expect_eq "$(sql "SELECT count(*) FROM iom WHERE entry_diagnostic_id = $diag")" "1" "the card built from the diagnostic"
keys F10
wait_for "По заявке: заявка от"
keys F10
wait_for "Контроль сроков"
keys F10
wait_for "главное меню"
type_text "Заявки"
keys Enter
wait_for "Фёдорова И. В."
keys Enter
wait_for "диагностик по заявке: 1, карт ИОМ по ним: 1"
keys F10 F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
