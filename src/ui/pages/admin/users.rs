//! Accounts and their roles (admin only).

use crate::domain::done::Done;
use crate::ui::components::loaded::{done_param, loaded};
use crate::api::account::{list_users, SetRole, UserView};
use crate::domain::account::Role;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert};
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UsersPage() -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<SetRole>::new();
    let error = action_error(action.value());
    let users = Resource::new(move || action.version().get(), |_| list_users());
    let ok = done_param();
    let updated = move || ok() == Some(Done::RoleChanged);
    let title = l.pick("Utilisateurs", "Users");
    loaded(users, move |list| {
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <p>
                {l.pick(
                    "Donnez à chaque compte son rôle : candidat (par défaut), juré, agent ou administrateur.",
                    "Give each account its role: applicant (the default), juror, staff or administrator.",
                )}
            </p>
            {move || {
                updated()
                    .then(|| {
                        view! { <SuccessAlert message=l.pick("Rôle mis à jour.", "Role updated.").to_string()/> }
                    })
            }}
            <FormAlert error/>
            <Table
                caption=l.pick("Comptes et rôles", "Accounts and roles")
                columns=vec![l.pick("Nom", "Name"), l.pick("Adresse électronique", "Email address"), l.pick("Rôle", "Role")]
            >
                {list.into_iter().map(|u| view! { <UserRow user=u action/> }).collect_view()}
            </Table>
        }
    })
}

#[component]
fn UserRow(user: UserView, action: ServerAction<SetRole>) -> impl IntoView {
    let l = use_locale();
    let select_id = format!("role-{}", user.id);
    let label = format!("{} {}", l.pick("Rôle de", "Role of"), user.email);
    let current = user.role;
    view! {
        <tr>
            <td>{user.display_name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>
                <ActionForm action>
                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                    <div class="app-inline-form">
                        <label class="fr-label fr-sr-only" for=select_id.clone()>{label}</label>
                        <select class="fr-select" id=select_id name="role">
                            {Role::ALL
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <option value=r.code() selected=r == current>
                                            {r.label().get(l)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
                            {l.pick("Enregistrer", "Save")}
                        </button>
                    </div>
                </ActionForm>
            </td>
        </tr>
    }
}
